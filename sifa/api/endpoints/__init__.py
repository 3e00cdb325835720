"""The platform's foundation endpoints (accounts, org tree, reference data, inbox, tokens)."""
