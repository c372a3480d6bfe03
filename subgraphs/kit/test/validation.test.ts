import { assertHubId } from '../src/validation.js';

const ID = '0b4f9a3c-6a4e-4b1e-9d2a-3f1c2b7e8a90';

describe('hub ids', () => {
  it('passes null through, lower-cases a UUID and refuses anything else naming the field', () => {
    expect(assertHubId(null, 'filter.funder')).toBeNull();
    expect(assertHubId(ID.toUpperCase(), 'filter.funder')).toBe(ID);
    expect(() => assertHubId('nope', 'filter.funder')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.funder' }),
      }),
    );
  });
});
