// The widget manager resolves its icon fonts relative to the RequireJS URL of its inline AMD
// modules; point those module names at this folder so the fonts load from the site itself.
(function () {
  var dir = document.currentScript.src.replace(/require-config\.js.*$/, "");
  require.config({
    paths: {
      "@jupyter-widgets/base": dir + "base",
      "@jupyter-widgets/controls": dir + "controls",
      "@jupyter-widgets/html-manager": dir + "html-manager",
      "@jupyter-widgets/html-manager/dist/libembed-amd": dir + "libembed-amd"
    }
  });
})();
