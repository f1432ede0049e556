'use strict';
// The data the Standard Model catalog is generated from (catalog/source/standard-models.json),
// for tests that check the built catalog against its source rather than against itself.
const fs = require('fs');
const path = require('path');

const CATALOG_SOURCE_FILE = path.resolve(__dirname, '..', '..', 'catalog', 'source', 'standard-models.json');

function loadCatalogSource() {
	return JSON.parse(fs.readFileSync(CATALOG_SOURCE_FILE, 'utf8'));
}

module.exports = { CATALOG_SOURCE_FILE, loadCatalogSource };
