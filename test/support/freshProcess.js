'use strict';
// Each test case starts as if in a fresh n8n process: what the nodes remember per process
// (uploads already made) must not carry over from an earlier case that used the same file.
const { forgetUploads } = require('../../nodes/shared/uploads/reuse');

beforeEach(() => forgetUploads());
