"""A class hub: JupyterHub on one machine, one system user per trainee, the course in each home.

`roster` reads the instructor's class list, `course` delivers the notebooks into a home without
overwriting a trainee's edits, `accounts` makes the system users, `setup` installs what the hub
needs, `config` writes JupyterHub's configuration and `limits` holds a trainee's memory. The
command is `salestrain hub` (`salestrain.commands.hub`).
"""
