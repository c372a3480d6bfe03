import base from '../jest.config.base.js';

// One browser and one hub per file; the browser tests take their time.
export default { ...base, testTimeout: 120000 };
