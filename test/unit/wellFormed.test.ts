/**
 * Well-formedness: a seeded random-mutation fuzz of a realistic web.config (the check never throws, its
 * ranges stay inside the text, no rule fails internally), markup truncated at EOF, and a differential test
 * of our verdict against fast-xml-parser's XMLValidator, every deliberate or known difference explained.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { checkText } from '../../src/core/check';

const REALISTIC = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <handlers>
      <!-- The exact string wfastcgi-enable printed -->
      <add name="Python FastCGI" path="*" verb="*" modules="FastCgiModule"
           scriptProcessor="C:\\inetpub\\app\\.venv\\Scripts\\python.exe|C:\\inetpub\\app\\.venv\\Lib\\site-packages\\wfastcgi.py"
           resourceType="Unspecified" requireAccess="Script" />
    </handlers>
    <rewrite>
      <rules>
        <rule name="Static &amp; media" stopProcessing="true">
          <match url="^(static|media)/(.*)$" />
          <conditions logicalGrouping="MatchAll">
            <add input="{REQUEST_FILENAME}" matchType="IsFile" negate="true" />
          </conditions>
          <action type="Rewrite" url="/{R:1}/{R:2}" />
        </rule>
      </rules>
    </rewrite>
    <staticContent>
      <mimeMap fileExtension=".webmanifest" mimeType="application/manifest+json" />
    </staticContent>
  </system.webServer>
  <appSettings>
    <add key="WSGI_HANDLER" value="app.app" />
    <add key="PYTHONPATH" value="C:\\inetpub\\app;C:\\inetpub\\app\\src" />
    <add key="WSGI_LOG" value="C:\\inetpub\\logs\\wfastcgi.log" />
    <add key="WSGI_RESTART_FILE_REGEX" value=".*((\\.py)|(\\.config))$" />
  </appSettings>
</configuration>
`;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATION_CHARS = [...'<>/="\'&;!?-[]', '\u201c', '\u201d', '\u2018', '\u2019', '\u00a0', '\u200b'];

/** 1-4 random insertions, deletions or replacements of markup, quote and invisible characters. */
function mutate(text: string, seed: number): string {
  const random = rng(seed);
  const ops = 1 + Math.floor(random() * 4);
  for (let o = 0; o < ops; o++) {
    const at = Math.floor(random() * (text.length + 1));
    const c = MUTATION_CHARS[Math.floor(random() * MUTATION_CHARS.length)]!;
    const op = Math.floor(random() * 3);
    text = op === 0 ? text.slice(0, at) + c + text.slice(at) : text.slice(0, at) + (op === 2 ? c : '') + text.slice(at + 1);
  }
  return text;
}

const FUZZ_CORPUS = Array.from({ length: 2000 }, (_, i) => mutate(REALISTIC, i + 1));

test('fuzz: 2,000 seeded mutations never throw, keep ranges inside the text and fail no rule', () => {
  const broken: string[] = [];
  FUZZ_CORPUS.forEach((text, i) => {
    let why = '';
    try {
      const r = checkText(text);
      if (r.internalErrors.length) why = `internal error ${r.internalErrors[0]!.split('\n')[0]}`;
      const bad = r.findings.find((f) => !(f.start >= 0 && f.start <= f.end && f.end <= text.length));
      if (bad) why = `${bad.code} range ${bad.start}-${bad.end} outside 0-${text.length}`;
    } catch (e) {
      why = `threw ${e instanceof Error ? e.stack : String(e)}`;
    }
    if (why) broken.push(`seed ${i + 1}: ${why}\ninput: ${JSON.stringify(text)}`);
  });
  assert.equal(broken.length, 0, broken.slice(0, 3).join('\n\n'));
});

test('truncated markup at EOF: unterminated comment, CDATA, attribute value, tags, declaration, PI, DOCTYPE', () => {
  const cases: Record<string, [string, string]> = {
    comment: ['<configuration><!-- never closed', 'xml.unterminatedComment'],
    cdata: ['<configuration><![CDATA[ never closed', 'xml.unterminatedCdata'],
    'attribute value': ['<configuration><appSettings><add key="WSGI_HANDLER" value="app.', 'xml.unterminatedValue'],
    "attribute value ('...)": ["<configuration><appSettings><add key='WSGI_HANDLER", 'xml.unterminatedValue'],
    'end tag': ['<configuration></configuration', 'xml.unterminatedEndTag'],
    'start tag': ['<configuration', 'xml.unterminatedTag'],
    declaration: ['<?xml version="1.0"', 'decl.unterminated'],
    'processing instruction': ['<configuration><?pi never closed', 'xml.unterminatedPi'],
    doctype: ['<!DOCTYPE configuration [ <!ENTITY a "b">', 'xml.doctype'],
  };
  for (const [label, [text, key]] of Object.entries(cases)) {
    const r = checkText(text);
    assert.deepEqual(r.internalErrors, [], label);
    assert.ok(r.findings.every((f) => f.start >= 0 && f.start <= f.end && f.end <= text.length), `${label}: a range outside the text`);
    const keys: string[] = r.findings.map((f) => f.messageKey);
    assert.ok(keys.includes(key), `${label}: expected ${key}, got ${keys.join(', ')}`);
  }
});

/** Our verdict: no well-formedness finding (XML syntax, declaration, typographic characters inside tags). */
function ours(text: string): { ok: boolean; problems: { key: string; start: number }[] } {
  const problems = checkText(text).findings
    .filter((f) => (f.code === 'xml-malformed' && f.messageKey !== 'xml.rootName') || f.code === 'xml-declaration-malformed' ||
      (f.code === 'typographic-quotes' && f.messageKey !== 'typo.inValue'))
    .map((f) => ({ key: f.messageKey, start: f.start }));
  return { ok: problems.length === 0, problems };
}

function fxp(text: string): { ok: boolean; message: string } {
  const v = XMLValidator.validate(text);
  return v === true ? { ok: true, message: '' } : { ok: false, message: v.err.msg };
}

/**
 * Where XMLValidator accepts what XML 1.0 (and IIS's parser) rejects. A difference is explained when we
 * report one of these (each is a real well-formedness error, so our verdict is the right one).
 */
const FXP_ACCEPTS: Record<string, string> = {
  'xml.badEntity': 'undefined entity names (&foo;), a bare & in attribute values and out-of-range character references (&#0;) are not checked',
  'xml.badCharRef': 'character references to characters XML forbids (&#0;, &#5;, &#xFFFE;) are accepted',
  'xml.piTarget': 'a processing instruction without a target ("<? ?>") is accepted',
  'xml.piTargetSpace': 'a processing instruction target followed by something other than a space is accepted',
  'xml.ltInValue': 'a raw "<" inside an attribute value is accepted (XML 1.0 [10] AttValue forbids it)',
  'xml.doubleHyphen': '"--" inside a comment is accepted (XML 1.0 [15] forbids it)',
  'xml.textBeforeRoot': 'text or CDATA before the root element is accepted',
  'xml.textAfterRoot': 'text after the root element is accepted',
  'xml.multipleRoots': 'a second top-level element is accepted',
  'xml.badMarkup': 'unknown "<!..." markup (e.g. "<!x>") is skipped',
  'decl.notFirst': 'an XML declaration after the start is accepted when something precedes it',
  'decl.case': '"<?XML" is accepted (the target "xml" is reserved in any case)',
  'decl.noVersion': 'the declaration\'s pseudo-attributes are not validated',
  'decl.badVersion': 'the declaration\'s pseudo-attributes are not validated',
};
/** Deliberate: XML allows it, IIS does not, so neither do we. */
const DELIBERATE: Record<string, string> = {
  'xml.doctype': 'a DOCTYPE is well-formed XML, but IIS refuses DTDs in configuration files (HTTP 500.19) and we never expand entities',
};

/** Why a difference on `text` is expected, or undefined when it is not (then it is a bug of one side). */
function explain(text: string, o: ReturnType<typeof ours>, f: ReturnType<typeof fxp>): string | undefined {
  if (!o.ok && f.ok) {
    for (const p of o.problems) {
      const reason = FXP_ACCEPTS[p.key] ?? DELIBERATE[p.key];
      if (reason) return reason;
      // XMLValidator does not look inside the XML declaration at all.
      if (text.startsWith('<?xml') && p.start < text.indexOf('>') + 1) return 'the XML declaration is not validated';
      // "<?=ml version=...?>": a declaration typed wrong is, to XMLValidator, a processing instruction it does not check.
      if (p.key === 'decl.missingLt' && text.startsWith('<?')) return FXP_ACCEPTS['xml.piTarget'];
      // A raw "<" starting a name inside a value: we read it as a missing closing quote running into a tag.
      if (p.key === 'xml.unterminatedValue' && text.slice(p.start + 1, text.indexOf(text[p.start]!, p.start + 1)).includes('<')) return FXP_ACCEPTS['xml.ltInValue'];
      // "</add name="x" />" (an end tag written like an empty-element tag) is accepted.
      if (p.key === 'xml.unterminatedEndTag' && /^<\/[^\s<>/]+(\s[^<>]*)?\/>/.test(text.slice(p.start))) return 'end tags with attributes or "/>" are accepted';
    }
  }
  return undefined;
}

interface Snippet { xml: string; wf: boolean }
/** Hand-written cases; `wf` is the XML 1.0 verdict (IIS's parser agrees), not either implementation's. */
const SNIPPETS: Snippet[] = [
  { xml: '<configuration/>', wf: true },
  { xml: '<?xml version="1.0" encoding="utf-8"?>\n<configuration></configuration>\n', wf: true },
  { xml: '<?xml version="1.0" standalone="yes"?><configuration/>', wf: true },
  { xml: '<configuration b = "1" c=\'2\' d="\'" e=\'"\' f="" />', wf: true },
  { xml: '<configuration\n  b="x\ny"\n/>', wf: true },
  { xml: '<configuration><a-b.c_d:e/><a></a ></configuration>', wf: true },
  { xml: '<configuration>&#65;&#x41;&lt;&gt;&amp;&quot;&apos;<a b="&#60;&amp;"/></configuration>', wf: true },
  { xml: '<configuration><!-- <a> - b --><![CDATA[ <x> & ]]><?pi x?></configuration><!-- after -->', wf: true },
  { xml: '<configuration>text <a/> text > ]</configuration>', wf: true },
  { xml: '<conf\u00e9 b="\u201cq\u201d \u00a0"/>', wf: true },
  { xml: '', wf: false },
  { xml: '  \n', wf: false },
  { xml: '<', wf: false },
  { xml: '< configuration/>', wf: false },
  { xml: '<1a/>', wf: false },
  { xml: '<configuration>', wf: false },
  { xml: '<configuration></Configuration>', wf: false },
  { xml: '<configuration><a></configuration>', wf: false },
  { xml: '<configuration></configuration', wf: false },
  { xml: '<configuration b/>', wf: false },
  { xml: '<configuration b=1/>', wf: false },
  { xml: '<configuration b="1/>', wf: false },
  { xml: '<configuration b="1" b="2"/>', wf: false },
  { xml: '<configuration b="1"c="2"/>', wf: false },
  { xml: '<configuration/ >', wf: false },
  { xml: '<configuration b=\u201c1\u201d/>', wf: false },
  { xml: '<configuration\u00a0b="1"/>', wf: false },
  { xml: '<config\u200buration/>', wf: false },
  { xml: '<configuration>a & b</configuration>', wf: false },
  { xml: '<configuration>&amp</configuration>', wf: false },
  { xml: '<configuration><!-- never closed</configuration>', wf: false },
  { xml: '<configuration><![CDATA[ never closed</configuration>', wf: false },
  { xml: ' <?xml version="1.0"?><configuration/>', wf: false },
  { xml: '<?xml version="1.0"?><?xml version="1.0"?><configuration/>', wf: false },
  { xml: '?xml version="1.0"?><configuration/>', wf: false },
  { xml: '<?xml version="1.0"><configuration/>', wf: false },
  // XMLValidator accepts these (FXP_ACCEPTS / DELIBERATE explain why):
  { xml: '<configuration>&foo;</configuration>', wf: false },
  { xml: '<configuration b="a&b"/>', wf: false },
  { xml: '<configuration>&#0;</configuration>', wf: false },
  { xml: '<configuration b="<"/>', wf: false },
  { xml: '<configuration><!-- a -- b --></configuration>', wf: false },
  { xml: '<configuration/>x', wf: false },
  { xml: '<configuration/><b/>', wf: false },
  { xml: '<![CDATA[x]]><configuration/>', wf: false },
  { xml: '<configuration><!x></configuration>', wf: false },
  { xml: '<configuration><a/></a x="1"/></configuration>', wf: false },
  { xml: '<configuration><?xml version="1.0"?></configuration>', wf: false },
  { xml: '<?XML version="1.0"?><configuration/>', wf: false },
  { xml: '<?xml encoding="utf-8" version="1.0"?><configuration/>', wf: false },
  { xml: '<!DOCTYPE configuration><configuration/>', wf: true },
];

test('differential: hand-written snippets, our verdict against XMLValidator and XML 1.0', () => {
  const wrong: string[] = [];
  for (const { xml, wf } of SNIPPETS) {
    const o = ours(xml);
    const f = fxp(xml);
    const deliberate = o.problems.some((p) => DELIBERATE[p.key]);
    if (o.ok !== (deliberate ? false : wf)) wrong.push(`ours says ${o.ok ? 'well-formed' : o.problems.map((p) => p.key).join(',')}, XML says ${wf}: ${JSON.stringify(xml)}`);
    if (o.ok !== f.ok && !explain(xml, o, f)) wrong.push(`unexplained difference (XMLValidator: ${f.ok ? 'valid' : f.message}): ${JSON.stringify(xml)}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(SNIPPETS.filter((s) => ours(s.xml).ok !== fxp(s.xml).ok).length >= 10, 'the exception list is exercised');
});

test('differential: the fuzz corpus, every difference explained', () => {
  const unexplained: string[] = [];
  const tally = new Map<string, number>();
  FUZZ_CORPUS.forEach((text, i) => {
    const o = ours(text);
    const f = fxp(text);
    if (o.ok === f.ok) return;
    const why = explain(text, o, f);
    if (why) tally.set(why, (tally.get(why) ?? 0) + 1);
    else unexplained.push(`seed ${i + 1}: ours=${o.ok ? 'ok' : o.problems.map((p) => p.key).join(',')} XMLValidator=${f.ok ? 'ok' : f.message}\n${JSON.stringify(text)}`);
  });
  for (const [why, n] of tally) console.log(`  ${String(n).padStart(4)} x ${why}`);
  assert.equal(unexplained.length, 0, `${unexplained.length} unexplained:\n${unexplained.slice(0, 5).join('\n\n')}`);
});

/** Errors IIS rejects (HTTP 500.19) that our scanner once missed; XMLValidator misses all but the first. */
const BOTH_ONCE_MISSED: [string, string][] = [
  ['attributes without white space between them', '<configuration><appSettings><add key="a"value="b"/></appSettings></configuration>'],
  ['declaration pseudo-attributes without white space', '<?xml version="1.0"encoding="utf-8"?><configuration/>'],
  ['an unknown declaration pseudo-attribute', '<?xml version="1.0" encodin="utf-8"?><configuration/>'],
  ['declaration pseudo-attributes out of order', '<?xml version="1.0" standalone="yes" encoding="utf-8"?><configuration/>'],
  ['standalone="maybe"', '<?xml version="1.0" standalone="maybe"?><configuration/>'],
  ['an empty encoding name', '<?xml version="1.0" encoding=""?><configuration/>'],
  ['"]]>" in text', '<configuration>]]></configuration>'],
  ['a control character in text', '<configuration>\u0001</configuration>'],
  ['a control character in an attribute value', '<configuration b="\u001b"/>'],
  ['a NUL character in text', '<configuration>\u0000</configuration>'],
  ['U+FFFE in text', '<configuration>\ufffe</configuration>'],
  ['a lone surrogate in text', '<configuration>\ud800</configuration>'],
];

test('not well-formed: attribute separation, declaration pseudo-attributes, characters XML forbids', () => {
  const accepted = BOTH_ONCE_MISSED.filter(([, xml]) => ours(xml).ok).map(([label]) => label);
  assert.deepEqual(accepted, []);
});
