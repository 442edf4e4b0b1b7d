# Dense-vocabulary stress corpus for `imrbench suggest`: the synthetic letters use a few hundred item-text
# words, so this copies N of them and appends pseudo-words (a letter-trigram Markov chain trained on the
# words of corpus/real) to every "Decision rationale:" line, giving a dictionary of ~230k terms.
#   python3 Benchmarks/suggest_dense_corpus.py SYNTH_DIR OUT_DIR LETTERS WORDS_PER_LINE VOCABULARY
#   python3 Benchmarks/suggest_dense_corpus.py /tmp/sg100k /tmp/dense 20000 10 300000
#   imrsearch index /tmp/dense --index /tmp/dense.idx
#   imrbench suggest --index /tmp/dense.idx --mutate 100 --repeat 10 --brute
import os, random, re, sys, collections
src, out, n, per_line, vocab_size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
random.seed(7)
words = set()
for root, _, files in os.walk(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'corpus', 'real')):
    for f in sorted(files):
        if f.endswith('.txt'):
            words.update(w for w in re.findall(r'[a-z]+', open(os.path.join(root, f), errors='ignore').read().lower()) if len(w) >= 3)
trans = collections.defaultdict(collections.Counter)
for w in sorted(words):
    s = '^^' + w + '$'
    for i in range(2, len(s)):
        trans[s[i-2:i]][s[i]] += 1
def gen():
    while True:
        s = '^^'
        while True:
            c = trans[s[-2:]]
            keys = sorted(c)
            ch = random.choices(keys, weights=[c[x] for x in keys])[0]
            if ch == '$': break
            s += ch
            if len(s) > 18: break
        w = s[2:]
        if 4 <= len(w) <= 16: return w
vocab = set()
while len(vocab) < vocab_size: vocab.add(gen())
vocab = sorted(vocab); random.shuffle(vocab)
files = []
for root, _, fs in os.walk(src):
    for f in fs:
        if f.endswith('.txt'): files.append(os.path.join(root, f))
files.sort(); files = files[:n]
k = 0
os.makedirs(out, exist_ok=True)
for i, f in enumerate(files):
    lines = open(f).read().split('\n')
    for j, l in enumerate(lines):
        if l.startswith('Decision rationale:'):
            extra = []
            for _ in range(per_line):
                extra.append(vocab[k % len(vocab)] if random.random() < 0.5 else random.choice(vocab)); k += 1
            lines[j] = l.rstrip() + ' ' + ' '.join(extra) + ' '
    open(os.path.join(out, '%06d.txt' % i), 'w').write('\n'.join(lines))
print(len(vocab), len(files))
