"""Sign-in, identity, roles, users, grants and admin rights."""

from __future__ import annotations

PREFIXES = ("access", "identity", "role", "users", "admin")

TEXTS: dict[str, dict[str, str]] = {
    "access.viewer": {"en": "viewer", "da": "læser"},
    "access.member": {"en": "member", "da": "medlem"},
    "access.improvement_supporter": {"en": "improvement supporter", "da": "forbedringssupporter"},
    "access.leader": {"en": "leader", "da": "leder"},
    "access.admin": {"en": "admin", "da": "administrator"},
    "identity.open_mode": {
        "en": "Open mode: no sign-in. Anyone can say who they are and change the boards — for trying Driftboard and closed team networks only.",
        "da": "Åben tilstand: ingen login. Alle kan sige, hvem de er, og ændre tavlerne — kun til afprøvning og lukkede teamnetværk.",
    },
    "identity.admin_token": {"en": "Admin token", "da": "Administratornøgle"},
    "identity.admin_on": {
        "en": "Admin work unlocked for this session.",
        "da": "Administration låst op i denne session.",
    },
    "identity.admin_wrong": {"en": "That admin token is not valid.", "da": "Den administratornøgle er ikke gyldig."},
    "identity.signed_in": {"en": "Signed in as {who}", "da": "Logget ind som {who}"},
    "identity.signed_out": {"en": "You are not signed in.", "da": "Du er ikke logget ind."},
    "identity.sign_in": {"en": "Sign in", "da": "Log ind"},
    "identity.sign_out": {"en": "Sign out", "da": "Log ud"},
    "identity.please_sign_in": {
        "en": "Sign in to see your team's boards.",
        "da": "Log ind for at se dit teams tavler.",
    },
    "identity.screen_revoked": {
        "en": "This screen link is not valid (revoked or mistyped). Ask an administrator for a new one.",
        "da": "Dette skærmlink er ikke gyldigt (tilbagekaldt eller forkert). Bed en administrator om et nyt.",
    },
    "identity.screen_only": {
        "en": "This link is for the team's shared screen: it opens the team's boards only. Open this page from your own browser, signed in.",
        "da": "Dette link er til teamets fælles skærm: det åbner kun teamets tavler. Åbn siden i din egen browser, logget ind.",
    },
    "identity.no_roles": {
        "en": "You have no role in any team or unit yet. Ask an administrator of your unit to give you one.",
        "da": "Du har endnu ingen rolle i et team eller en enhed. Bed en administrator i din enhed om at give dig en.",
    },
    "users.err.email": {"en": "{email} is not an e-mail address.", "da": "{email} er ikke en e-mailadresse."},
    "users.err.username": {"en": "A user needs a username.", "da": "En bruger skal have et brugernavn."},
    "users.err.taken": {"en": "The username {username} is taken.", "da": "Brugernavnet {username} er optaget."},
    "admin.err.exists": {
        "en": "{path} already exists; choose a new file name.",
        "da": "{path} findes allerede; vælg et nyt filnavn.",
    },
    "admin.err.pg_dump": {
        "en": "pg_dump is not installed; install the PostgreSQL client tools.",
        "da": "pg_dump er ikke installeret; installér PostgreSQL-klientværktøjerne.",
    },
    "admin.err.backup_failed": {
        "en": "The backup failed: {reason}",
        "da": "Sikkerhedskopien mislykkedes: {reason}",
    },
    "admin.err.backup": {
        "en": "Backup is not supported for {dialect}.",
        "da": "Sikkerhedskopi understøttes ikke for {dialect}.",
    },
    "admin.err.not_empty": {
        "en": "The database already holds data; use --replace to wipe it and load the demo unit.",
        "da": "Databasen indeholder allerede data; brug --replace for at slette dem og indlæse demo-enheden.",
    },
    "admin.err.restore_not_empty": {
        "en": "The database holds data; add --force to replace it (a backup of it is taken first).",
        "da": "Databasen indeholder data; tilføj --force for at erstatte dem (der tages først en sikkerhedskopi).",
    },
    "admin.err.not_backup": {
        "en": "{path} is not a Driftboard backup: {reason}",
        "da": "{path} er ikke en Driftboard-sikkerhedskopi: {reason}",
    },
    "role.head": {"en": "Head", "da": "Chef"},
    "role.team_leader": {"en": "Team leader", "da": "Teamleder"},
    "role.mortgage_case_handler": {"en": "Mortgage case handler", "da": "Realkreditsagsbehandler"},
    "role.loans_case_handler": {"en": "Other-loans case handler", "da": "Sagsbehandler, øvrige lån"},
    "role.customer_contact": {"en": "Customer contact", "da": "Kundekontakt"},
    "role.follow_up": {"en": "Follow-up", "da": "Opfølgning"},
    "role.board_leader": {"en": "Board leader", "da": "Tavlefører"},
    "role.improvement_supporter": {"en": "Improvement supporter", "da": "Forbedringssupporter"},
    "access.admin_only": {
        "en": "Only an administrator can see and change users, screen links and API tokens. Ask an administrator of your unit for the admin role.",
        "da": "Kun en administrator kan se og ændre brugere, skærmlinks og API-nøgler. Bed en administrator i din enhed om administratorrollen.",
    },
    "access.admin_only_open": {
        "en": "Only an administrator can see and change users, screen links and API tokens. Type the admin token into “Admin token” in the sidebar (an administrator makes one with python -m driftboard admin-token).",
        "da": "Kun en administrator kan se og ændre brugere, skærmlinks og API-nøgler. Skriv administratornøglen i “Administratornøgle” i sidepanelet (en administrator laver en med python -m driftboard admin-token).",
    },
    "access.users": {"en": "Users and roles", "da": "Brugere og roller"},
    "access.email": {"en": "E-mail", "da": "E-mail"},
    "access.role": {"en": "Role", "da": "Rolle"},
    "access.unit": {"en": "Where", "da": "Hvor"},
    "access.grant": {"en": "Grant the role", "da": "Giv rollen"},
    "access.granted": {"en": "{email} is now {role} in {unit}.", "da": "{email} er nu {role} i {unit}."},
    "access.revoke": {"en": "Revoke", "da": "Fjern"},
    "access.revoked": {"en": "Revoked.", "da": "Fjernet."},
    "access.no_grants": {"en": "No roles granted yet.", "da": "Ingen roller tildelt endnu."},
    "access.grant_pick": {"en": "Role to revoke", "da": "Rolle, der skal fjernes"},
    "access.screens": {"en": "Screen links", "da": "Skærmlinks"},
    "access.screens_help": {
        "en": "A screen link shows a team's boards on a shared screen without sign-in, read-only. "
        "The full link is shown once, when it is made.",
        "da": "Et skærmlink viser et teams tavler på en fælles skærm uden login og uden redigering. "
        "Hele linket vises én gang, når det oprettes.",
    },
    "access.team": {"en": "Team", "da": "Team"},
    "access.label": {"en": "Label (where the screen hangs)", "da": "Navn (hvor skærmen hænger)"},
    "access.create_link": {"en": "Make a screen link", "da": "Opret skærmlink"},
    "access.link_made": {
        "en": "Copy this link now; it is not shown again:",
        "da": "Kopiér linket nu; det vises ikke igen:",
    },
    "access.no_links": {"en": "No screen links yet.", "da": "Ingen skærmlinks endnu."},
    "access.link_pick": {"en": "Link to revoke", "da": "Link, der skal spærres"},
    "access.col.last_used": {"en": "Last used", "da": "Sidst brugt"},
    "access.col.created": {"en": "Made", "da": "Oprettet"},
    "access.col.revoked": {"en": "Revoked", "da": "Spærret"},
    "access.never": {"en": "never", "da": "aldrig"},
}
