// --query takes what the AWS CLI takes. The AWS CLI's JMESPath (jmespath.py) still accepts the
// pre-JEP-12 literal form its own docs use, `Bob` for the string "Bob": a backtick literal that
// is not valid JSON is read as a JSON string of its text (leading blanks dropped). The JMESPath
// library we use follows the specification strictly, so such literals are rewritten first.

/** Rewrites legacy backtick string literals (`Bob`) into JSON ones (`"Bob"`); everything else,
 * including raw strings ('...') and quoted identifiers ("..."), is kept as written. */
export function awsCliQuery(expression: string): string {
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (c === "'" || c === '"') {
      const end = closing(expression, i);
      out += expression.slice(i, end);
      i = end;
    } else if (c === '`') {
      const end = closing(expression, i);
      out += literal(expression.slice(i + 1, end - 1), expression.slice(i, end));
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index just past the quote that closes the one at `start` (backslash escapes it). */
function closing(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length; // unterminated: the parser reports it
}

function literal(body: string, original: string): string {
  const lexeme = body.replace(/\\`/g, '`');
  if (parses(lexeme)) return original;
  const legacy = `"${lexeme.trimStart()}"`;
  if (!parses(legacy)) return original;
  return '`' + JSON.stringify(JSON.parse(legacy)).replace(/`/g, '\\`') + '`';
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}
