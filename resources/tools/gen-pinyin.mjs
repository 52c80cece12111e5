// Generates the pinyin initials used by symbol search, from the pinyin-pro dictionary (npm package "pinyin-pro").
//
//   npm install --prefix /tmp/pinyin pinyin-pro
//   NODE_PATH=/tmp/pinyin/node_modules node resources/tools/gen-pinyin.mjs
//
// (run from the repository root; Node 18 or later). The package is installed outside the repository on purpose: only
// the generated files are committed, and the build does not need Node.
//
// It rewrites two files:
//  1. resources/symbols.json: every "pinyin" field becomes the lower-case first letters of the Chinese characters of
//     "name_zh", read in context so that polyphones resolve by phrase (招商银行 -> zsyh, 长江电力 -> cjdl, 重庆 -> cq).
//     Characters that are not Chinese ("-W", "TCL", digits, "/") add nothing. The file keeps one symbol per line.
//  2. resources/pinyin_initials.txt: the run-time table (models/PinyinInitials) for names that arrive from feeds and
//     are not in the catalog: one initial per character of the CJK Unified Ideographs block (U+4E00..U+9FFF), using
//     each character's most common reading, plus phrases whose in-context initials differ from those defaults
//     (银行 -> yh, not yx). The format is documented at the top of the generated file.
//
// Options: --check exits with status 1 when either file would change (for CI or a pre-commit hook), writing nothing.
//
// Phrase overrides: pinyin-pro reads most company names right. Names it gets wrong are corrected in NAME_OVERRIDES
// below (initials for the whole Chinese part of the name), each with the reason.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let pinyinPro;
try {
    pinyinPro = require('pinyin-pro');
} catch (e) {
    console.error('pinyin-pro is not installed: npm install --prefix /tmp/pinyin pinyin-pro, then set ' +
                  'NODE_PATH=/tmp/pinyin/node_modules');
    process.exit(2);
}
const { pinyin } = pinyinPro;

const resources = join(dirname(fileURLToPath(import.meta.url)), '..');
const symbolsPath = join(resources, 'symbols.json');
const tablePath = join(resources, 'pinyin_initials.txt');
const check = process.argv.includes('--check');

const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;
const isCjk = (ch) => {
    const c = ch.codePointAt(0);
    return c >= CJK_FIRST && c <= CJK_LAST;
};

// Whole Chinese names (CJK characters only, in order) whose dictionary reading is wrong for the company.
// None is needed with pinyin-pro 3.29 (every name in the catalog was checked against its full-pinyin reading); add
// entries as '贵州茅台': 'gzmt' with a comment saying why.
const NAME_OVERRIDES = {};

// Words common in security names whose polyphones the single-character table would get wrong; the generator keeps
// only those whose in-context initials differ from the per-character defaults.
const COMMON_WORDS = [
    '银行', '商行', '农商行', '行业', '发行', '重工', '重庆', '重型', '长城', '长江', '长安', '长春', '长沙', '长虹',
    '长电', '长实', '长和', '厦门', '朝阳', '音乐', '快乐', '乐视', '成都', '首都', '都市', '单车', '传音', '传媒',
    '传感', '调味', '调控', '空调', '藏药', '西藏', '宝藏', '华夏', '大厦', '广厦', '石化', '石油', '中信', '信息',
    '供应', '应用', '相应', '数据', '证券', '期货', '便利', '便捷', '地产', '物业', '合肥', '蚌埠', '六安', '丽水',
    '丽江', '东阿', '阿胶', '茅台', '台州', '天台', '仔癀', '片仔癀', '汾酒', '兴业', '中行', '建行', '农行', '工行',
    '交行', '招行', '行情', '曲靖', '曲阜', '尉氏', '解放', '单县', '牟平', '番禺', '蔚来', '乐山', '乐清', '大连',
];

function initialsOf(text) {
    // One initial per CJK character, read in context run by run (non-Chinese characters break runs).
    let out = '';
    let run = '';
    const flush = () => {
        if (!run)
            return;
        const firsts = pinyin(run, { pattern: 'first', toneType: 'none', type: 'array' });
        if (firsts.length !== [...run].length)
            throw new Error(`pinyin-pro split "${run}" unexpectedly`);
        for (let i = 0; i < firsts.length; ++i) {
            const f = String(firsts[i]).toLowerCase();
            if (!/^[a-z]$/.test(f))
                throw new Error(`no reading for "${[...run][i]}" in "${run}"`);
            out += f;
        }
        run = '';
    };
    for (const ch of text) {
        if (isCjk(ch))
            run += ch;
        else
            flush();
    }
    flush();
    return out;
}

function nameInitials(name) {
    const chinese = [...name].filter(isCjk).join('');
    if (Object.prototype.hasOwnProperty.call(NAME_OVERRIDES, chinese))
        return NAME_OVERRIDES[chinese];
    return initialsOf(name);
}

// ---- 1. symbols.json --------------------------------------------------------------------------------------------

const KEYS = ['code', 'name_en', 'name_zh', 'pinyin', 'market', 'tick', 'price'];

const originalJson = readFileSync(symbolsPath, 'utf8');
const catalog = JSON.parse(originalJson);
for (const symbol of catalog.symbols) {
    symbol.pinyin = symbol.name_zh ? nameInitials(symbol.name_zh) : '';
}
const lines = catalog.symbols.map((symbol) => {
    const known = KEYS.filter((k) => k in symbol).map((k) => `${JSON.stringify(k)}: ${JSON.stringify(symbol[k])}`);
    const extra = Object.keys(symbol)
                      .filter((k) => !KEYS.includes(k))
                      .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(symbol[k])}`);
    return '    {' + [...known, ...extra].join(', ') + '}';
});
const newJson = `{\n  "version": ${catalog.version},\n  "symbols": [\n${lines.join(',\n')}\n  ]\n}\n`;

// ---- 2. pinyin_initials.txt -------------------------------------------------------------------------------------

const byInitial = new Map();
const defaults = new Map();
let skipped = 0;
for (let c = CJK_FIRST; c <= CJK_LAST; ++c) {
    const ch = String.fromCodePoint(c);
    const f = String(pinyin(ch, { pattern: 'first', toneType: 'none' })).toLowerCase();
    if (!/^[a-z]$/.test(f)) {
        ++skipped; // no reading in the dictionary (rare or unassigned character)
        continue;
    }
    defaults.set(ch, f);
    if (!byInitial.has(f))
        byInitial.set(f, []);
    byInitial.get(f).push(ch);
}

const phrases = new Map();
const considerPhrase = (word, initials) => {
    const chars = [...word];
    if (chars.length < 2 || !chars.every(isCjk) || initials.length !== chars.length)
        return;
    const plain = chars.map((ch) => defaults.get(ch) ?? '?').join('');
    if (plain !== initials)
        phrases.set(word, initials);
};
for (const word of COMMON_WORDS)
    considerPhrase(word, initialsOf(word));
// Catalog names: whole Chinese runs whose reading differs from the character defaults.
for (const symbol of catalog.symbols) {
    const name = symbol.name_zh || '';
    const runs = name.split(/[^\u4e00-\u9fff]+/).filter((r) => r.length >= 2);
    let at = 0;
    for (const run of runs) {
        considerPhrase(run, symbol.pinyin.substr(at, [...run].length));
        at += [...run].length;
    }
}
// What the run-time reader (models/PinyinInitials.cpp) would produce: longest listed phrase at each position, else
// the character's default. A phrase is kept only when the shorter phrases already kept do not explain it
// (上海银行 is covered by 银行).
const kept = new Map();
const runtimeInitials = (word) => {
    const chars = [...word];
    let out = '';
    for (let i = 0; i < chars.length;) {
        let matched = 0;
        for (let len = chars.length - i; len >= 2 && !matched; --len) {
            const p = kept.get(chars.slice(i, i + len).join(''));
            if (p) {
                out += p;
                matched = len;
            }
        }
        if (matched) {
            i += matched;
        } else {
            out += defaults.get(chars[i]) ?? '?';
            ++i;
        }
    }
    return out;
};
for (const [word, initials] of [...phrases.entries()].sort((a, b) => [...a[0]].length - [...b[0]].length ||
                                                              (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (runtimeInitials(word) !== initials)
        kept.set(word, initials);
}
const phraseList = [...kept.entries()];

const header = [
    '# Pinyin initials for symbol search, generated by resources/tools/gen-pinyin.mjs from the pinyin-pro dictionary',
    '# (do not edit by hand; edit the generator and run it again).',
    '#',
    '# Format, UTF-8, one record per line; lines starting with # are comments:',
    '#   <letter> <characters>     every character listed reads with that initial (its most common reading);',
    '#                             a character appears at most once in these lines',
    '#   = <phrase> <initials>     a phrase whose in-context initials differ from its characters\' defaults',
    '#                             (polyphones such as 行 in 银行); the longest phrase matching at a position wins',
    `# Covers U+4E00..U+9FFF: ${defaults.size} characters (${skipped} without a reading are left out), ` +
        `${phraseList.length} phrases.`,
];
const body = [];
for (const letter of [...byInitial.keys()].sort())
    body.push(`${letter} ${byInitial.get(letter).join('')}`);
for (const [word, initials] of phraseList)
    body.push(`= ${word} ${initials}`);
const newTable = header.join('\n') + '\n' + body.join('\n') + '\n';

// ---- write ------------------------------------------------------------------------------------------------------

let oldTable = '';
try {
    oldTable = readFileSync(tablePath, 'utf8');
} catch (e) {
    // first run
}
const changed = [];
if (newJson !== originalJson)
    changed.push(symbolsPath);
if (newTable !== oldTable)
    changed.push(tablePath);
if (check) {
    if (changed.length) {
        console.error('out of date: ' + changed.join(', '));
        process.exit(1);
    }
    console.log('up to date');
} else {
    if (newJson !== originalJson)
        writeFileSync(symbolsPath, newJson);
    if (newTable !== oldTable)
        writeFileSync(tablePath, newTable);
    console.log(`${catalog.symbols.length} symbols, ${defaults.size} characters, ${phraseList.length} phrases; ` +
                `rewrote ${changed.length ? changed.join(', ') : 'nothing'}`);
}
