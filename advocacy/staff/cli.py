"""`flask --app advocacy staff ...`: manage staff accounts and the dashboard's counts."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from . import accounts, counts
from .models import ROLES

staff_cli = AppGroup("staff", help="Manage staff accounts and the dashboard's counts.")


def _new_password(value: str) -> str:
    if problem := accounts.password_problem(value):
        raise click.UsageError(problem)
    return value


def _prompt_password() -> str:
    # Prompted, never an option: a password on the command line ends up in shell history.
    return click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password",
                        value_proc=_new_password)


@staff_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="admin: everything, including editing campaigns and exporting supporters; "
                   "viewer: the dashboard and action exports only.")
def create(email: str, role: str) -> None:
    """Create a staff account; the password is asked for twice."""
    if accounts.find_staff(email) is not None:
        raise click.ClickException(f"There is already a staff account for {accounts.normalise_email(email)}")
    try:
        user = accounts.create_staff(email, _prompt_password(), role)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {user.role} account {user.email}. Sign in at /staff/sign-in")


@staff_cli.command("set-password")
@click.argument("email")
def set_password(email: str) -> None:
    """Give an account a new password (signs out its other sessions)."""
    user = accounts.find_staff(email)
    if user is None:
        raise click.ClickException(f"There is no staff account for {accounts.normalise_email(email)}")
    accounts.set_password(user, _prompt_password())
    click.echo(f"Password changed for {user.email}")


@staff_cli.command("set-role")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
def set_role(email: str, role: str) -> None:
    """Change an account's role (signs out all of its sessions)."""
    user = accounts.find_staff(email)
    if user is None:
        raise click.ClickException(f"There is no staff account for {accounts.normalise_email(email)}")
    accounts.set_role(user, role)
    click.echo(f"{user.email} is now {role}; its sessions have ended")


@staff_cli.command("list")
def list_accounts() -> None:
    """List staff accounts with their role and last sign-in."""
    for user in accounts.list_staff():
        last = user.last_signed_in_at.strftime("%Y-%m-%d %H:%M") if user.last_signed_in_at else "never"
        click.echo(f"{user.email}\t{user.role}\tlast signed in: {last}")


@staff_cli.command("remove")
@click.argument("email")
@click.confirmation_option(prompt="Remove this account?")
def remove(email: str) -> None:
    """Delete a staff account."""
    user = accounts.find_staff(email)
    if user is None:
        raise click.ClickException(f"There is no staff account for {accounts.normalise_email(email)}")
    accounts.remove_staff(user)
    click.echo(f"Removed {user.email}")


@staff_cli.command("recount")
def recount() -> None:
    """Rebuild the dashboard's running counts from the action records."""
    total = counts.rebuild_counts()
    click.echo(f"Counted {total:,} actions")


def init_app(app: Flask) -> None:
    app.cli.add_command(staff_cli)
