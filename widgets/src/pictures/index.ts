/** Pictures for analysts (`<ngo-hub-cooperation>`, `<ngo-hub-funding-flows>`): defined by the pictures module. */
export {};
