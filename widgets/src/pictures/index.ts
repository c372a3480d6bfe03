/** Pictures for analysts: defines `<ngo-hub-cooperation>` and `<ngo-hub-funding-flows>` (once, even if loaded twice). */
import { define } from '../core/element.js';
import { CooperationElement } from './cooperation.js';
import { FundingFlowsElement } from './funding-flows.js';

define('ngo-hub-cooperation', CooperationElement);
define('ngo-hub-funding-flows', FundingFlowsElement);

export { CooperationElement, FundingFlowsElement };
