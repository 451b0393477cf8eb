// Jest loads globalSetup through require(), without moduleNameMapper: let
// the ESM-style "./x.js" imports of our TypeScript sources find "./x.ts".
const Module = require('node:module');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveTs(request, parent, ...rest) {
  try {
    return original.call(this, request, parent, ...rest);
  } catch (err) {
    if (request.startsWith('.') && request.endsWith('.js')) {
      return original.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    }
    throw err;
  }
};
