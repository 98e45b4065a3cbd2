#!/usr/bin/env node
// placeholder: replaced by the stand-in schema engine
process.exit(1);
