// XML property list output for the configuration profiles (no dependency: the value
// space we write is small: dict, array, string, integer, boolean).
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escape(s) {
  // Property lists are XML 1.0: control characters other than tab/LF/CR cannot appear.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) throw new Error('control character in a plist string');
  return s.replace(/[&<>]/g, (c) => ESC[c]);
}

function value(v, indent, path) {
  const pad = '  '.repeat(indent);
  if (typeof v === 'string') return `${pad}<string>${escape(v)}</string>`;
  if (typeof v === 'boolean') return `${pad}<${v}/>`;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`${path}: only integers are supported, got ${v}`);
    return `${pad}<integer>${v}</integer>`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return `${pad}<array/>`;
    return [`${pad}<array>`, ...v.map((x, i) => value(x, indent + 1, `${path}[${i}]`)), `${pad}</array>`].join('\n');
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return `${pad}<dict/>`;
    const lines = [`${pad}<dict>`];
    for (const k of keys) {
      if (v[k] === undefined) continue;
      lines.push(`${pad}  <key>${escape(k)}</key>`, value(v[k], indent + 1, `${path}.${k}`));
    }
    lines.push(`${pad}</dict>`);
    return lines.join('\n');
  }
  throw new Error(`${path}: ${v === null ? 'null' : typeof v} has no property-list form`);
}

/** A complete XML property list document for `root`. */
export function toPlist(root) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    value(root, 0, '$'),
    '</plist>',
    '',
  ].join('\n');
}
