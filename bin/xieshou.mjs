#!/usr/bin/env node
// Entry point of `npm start` and `npx xieshou`: TypeScript runs through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
