"""The web layer: thin blueprints per journey that call the capability packages."""
