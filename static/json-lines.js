// A small strict JSON scanner for the spec editor: it maps the API's field paths
// (`optimizer.lr`, `model.hidden[1]`) to lines of the text the user typed, and says where
// and why invalid JSON is invalid (V8's JSON.parse messages often give no position).

class JsonSyntaxError extends Error {
  constructor(message, offset) { super(message); this.offset = offset; }
}

const WS = ' \t\n\r';
const ESCAPES = '"\\/bfnrt';
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Scans text; returns Map path -> 1-based line of each key or array element. Throws JsonSyntaxError. */
function scan(text) {
  const map = new Map();
  const n = text.length;
  let i = 0, line = 1;
  let comma = 0; // where the last comma was, to point at a trailing one
  const fail = (message, at = i) => { throw new JsonSyntaxError(message, at); };
  const ws = () => {
    while (i < n && WS.includes(text[i])) { if (text[i] === '\n') line++; i++; }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= n) { i = start; fail('unterminated string'); }
      const c = text[i];
      if (c === '"') break;
      if (c < ' ') fail(c === '\n' ? 'line break inside a string' : 'control character inside a string');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6; continue;
        }
        if (!ESCAPES.includes(e ?? '')) fail('bad escape in string');
        i += 2; continue;
      }
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = (path, depth) => {
    if (depth > 200) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] === '}') fail('trailing comma: nothing follows it before }', comma);
        if (text[i] !== '"') fail('expected a key in double quotes');
        const keyLine = line;
        const key = string();
        const p = path ? `${path}.${key}` : key;
        if (!map.has(p)) map.set(p, keyLine);
        ws();
        if (text[i] !== ':') fail(`expected ':' after the key "${key}"`);
        i++;
        value(p, depth + 1);
        ws();
        if (text[i] === ',') { comma = i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail(i >= n ? 'unexpected end: missing }' : "expected ',' or '}' (a comma missing?)");
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (let k = 0; ; k++) {
        ws();
        if (text[i] === ']') fail('trailing comma: nothing follows it before ]', comma);
        map.set(`${path}[${k}]`, line);
        value(`${path}[${k}]`, depth + 1);
        ws();
        if (text[i] === ',') { comma = i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail(i >= n ? 'unexpected end: missing ]' : "expected ',' or ']' (a comma missing?)");
      }
    }
    if (c === '"') { string(); return; }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length) { i += m[0].length; return; }
    if (i >= n) fail('unexpected end: a value is missing');
    if (c === '}' || c === ']' || c === ',') fail(`expected a value before ${JSON.stringify(c)}`);
    if (c === "'") fail('strings and keys need double quotes, not single');
    fail(`unexpected character ${JSON.stringify(c)}`);
  };
  value('', 0);
  ws();
  if (i < n) fail('unexpected text after the end of the JSON');
  return map;
}

/** Path -> 1-based line of the key (or array element); as much as was mapped before any error. */
export function keyLines(text) {
  try { return scan(text); } catch { return new Map(); }
}

/** The path one level up: `model.hidden[1]` -> `model.hidden` -> `model` -> ''. */
export function parentPath(path) {
  const m = /^(.*)(\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1] : '';
}

/** {line, exact, path} for a field path in text, falling back to the nearest parent present; or null. */
export function lineOfField(text, field) {
  if (!field) return null;
  const map = keyLines(text);
  for (let p = field, exact = true; p; p = parentPath(p), exact = false) {
    if (map.has(p)) return { line: map.get(p), exact, path: p };
  }
  return null;
}

/** Checks text: {ok: true, value} or {ok: false, line, column, message}. */
export function parseJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    try { scan(text); } catch (s) {
      if (s instanceof JsonSyntaxError) {
        const before = text.slice(0, s.offset);
        return { ok: false, message: s.message, line: before.split('\n').length, column: s.offset - before.lastIndexOf('\n') };
      }
    }
    return { ok: false, message: e.message, line: null, column: null };
  }
  return { ok: true, value };
}
