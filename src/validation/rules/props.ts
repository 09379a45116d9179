import { RuleArea } from './rule';

const API_MD = 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets/blob/main/API.md';

/**
 * What a construct refuses in its props beyond the API server's rules (a prop that breaks one of
 * those is reported under that rule, e.g. `container-port` for a port prop of 0). The message
 * names the prop, the bad value and why.
 */
export const PROP_AREA = new RuleArea('construct props', 'src/validation/rules/props.ts');
export const PROP_TYPE = PROP_AREA.error('prop-type', 'A prop of the wrong type, which only a JavaScript caller or a jsii language binding can pass: a string where a list goes, a plain object where an instance of a class goes, an empty list element, a value JSON cannot carry (a BigInt, a Map, a cycle) or one that throws when read.', 'Pass the type the prop\'s documentation names (API.md): a list, a string, or the factory the message names.', API_MD);
export const PROP_VALUE = PROP_AREA.error('prop-value', 'A prop value the construct refuses because the daemon or its objects could not work with it (a collector the image does not know, a path inside a read-only mount, two props that contradict each other); the message says why.', 'Change the prop as the message says; its documentation (API.md) gives the values it takes and its default.', API_MD);
