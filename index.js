// Intentionally empty. n8n loads this package through the "n8n" section of package.json
// (dist/credentials/*, dist/nodes/*), not through a main entry point; package.json has
// no "main" so npm does not ship this file. It stays for the original starter layout.
