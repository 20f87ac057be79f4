"""The plumbing every feature shares: settings, and the defences written once for every form."""
