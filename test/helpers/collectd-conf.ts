/** collectd.conf as the construct writes it: top-level options and `<Plugin x>` blocks of `Key value...` lines. */
export interface CollectdConf { options: Array<[string, string[]]>; blocks: { [plugin: string]: Array<[string, string[]]> } }

/** A strict parser of the collectd.conf subset the construct writes: fails on anything collectd would refuse. */
export function parseCollectdConf(text: string): CollectdConf {
  const conf: CollectdConf = { options: [], blocks: {} };
  let block: string | undefined;
  const token = /"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.:/-]+)/y;
  text.split('\n').forEach((raw, n) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const open = /^<Plugin ([a-z_]+)>$/.exec(line);
    if (open) {
      if (block) throw new Error(`line ${n + 1}: nested block`);
      if (conf.blocks[open[1]]) throw new Error(`line ${n + 1}: second block for ${open[1]}`);
      block = open[1];
      conf.blocks[block] = [];
      return;
    }
    if (line === '</Plugin>') {
      if (!block) throw new Error(`line ${n + 1}: close without open`);
      block = undefined;
      return;
    }
    const key = /^([A-Za-z][A-Za-z0-9_]*)\s+/.exec(line);
    if (!key) throw new Error(`line ${n + 1}: not a key/value line: ${line}`);
    const values: string[] = [];
    let rest = line.slice(key[0].length);
    while (rest.length > 0) {
      token.lastIndex = 0;
      const m = token.exec(rest);
      if (!m) throw new Error(`line ${n + 1}: bad value: ${rest}`);
      values.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
      rest = rest.slice(m[0].length).trimStart();
    }
    (block ? conf.blocks[block] : conf.options).push([key[1], values]);
  });
  if (block) throw new Error(`unclosed block ${block}`);
  return conf;
}
