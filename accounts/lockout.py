"""django-axes hooks: its log lines name no one (no address, no username), whichever tier tripped."""


def client_str(username, ip_address, user_agent, path_info, request):
    """What axes writes into its log lines instead of the client's address and username."""
    return "a staff sign-in client"
