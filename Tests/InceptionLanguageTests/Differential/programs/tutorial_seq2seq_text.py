# The text side of the seq2seq translation tutorial: `from __future__` imports, `re` to
# normalise sentences (re.sub with groups and classes), a Lang vocabulary, sentences to index
# tensors padded with EOS, and a GRU encoder over them; with the re functions such programs
# also use (findall, split, match, search, compile, sub with a function, named groups).
from __future__ import unicode_literals, print_function, division
import re
import torch
import torch.nn as nn

torch.manual_seed(0)
SOS_token, EOS_token = 0, 1

class Lang:
    def __init__(self, name):
        self.name = name
        self.word2index = {}
        self.word2count = {}
        self.index2word = {0: "SOS", 1: "EOS"}
        self.n_words = 2

    def addSentence(self, sentence):
        for word in sentence.split(' '):
            self.addWord(word)

    def addWord(self, word):
        if word not in self.word2index:
            self.word2index[word] = self.n_words
            self.word2count[word] = 1
            self.index2word[self.n_words] = word
            self.n_words += 1
        else:
            self.word2count[word] += 1

def normalizeString(s):
    s = s.lower().strip()
    s = re.sub(r"([.!?])", r" \1", s)
    s = re.sub(r"[^a-zA-Z!?]+", r" ", s)
    return s.strip()

raw = ["Je suis froid.", "Il est grand!", "Elle est ici...", "Tu es  fatigué?", "Nous sommes 3 amis."]
eng = ["I am cold.", "He is tall!", "She is here...", "You are tired?", "We are 3 friends."]
pairs = [[normalizeString(a), normalizeString(b)] for a, b in zip(raw, eng)]
print(pairs)
eng_prefixes = ("i am ", "i m ", "he is", "he s ", "she is", "we are")
def filterPair(p, max_length=6):
    return len(p[0].split(' ')) < max_length and len(p[1].split(' ')) < max_length and p[1].startswith(eng_prefixes)
pairs = [p for p in pairs if filterPair(p)]
print(len(pairs))
input_lang, output_lang = Lang('fra'), Lang('eng')
for p in pairs:
    input_lang.addSentence(p[0])
    output_lang.addSentence(p[1])
print(input_lang.name, input_lang.n_words, output_lang.name, output_lang.n_words, output_lang.word2count)

def tensorFromSentence(lang, sentence):
    indexes = [lang.word2index[word] for word in sentence.split(' ')]
    indexes.append(EOS_token)
    return torch.tensor(indexes, dtype=torch.long).view(1, -1)

emb = nn.Embedding(input_lang.n_words, 4)
gru = nn.GRU(4, 4, batch_first=True)
for p in pairs:
    t = tensorFromSentence(input_lang, p[0])
    out, hidden = gru(emb(t))
    print(t.tolist(), out.shape, hidden.shape, out.grad_fn.name())

# the re functions tokenizers and cleaners use
text = "The cat (aged 3) sat on the mat; the dog, aged 10, did not!"
print(re.findall(r"\w+", text))
print(re.findall(r"aged (\d+)", text))
print(re.findall(r"(\w+) (\w+)", "a b c d e"))
print(re.split(r"[;,!]\s*", text))
print(re.split(r"(\s)", "a b  c", maxsplit=2))
print(re.sub(r"\s+", " ", "  many   spaces\there "), re.subn(r"a", "A", "banana", count=2))
m = re.match(r"(?P<word>\w+) (\w+)", "hello world again")
print(m.group(0), m.group(1), m.group("word"), m.group(1, 2), m.groups(), m.span(), m.start(2), m.end(2), m.groupdict())
print(m)
print(re.match(r"world", "hello world"), re.search(r"world", "hello world").span())
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"))
pattern = re.compile(r"[aeiou]", re.IGNORECASE)
print(pattern, pattern.findall("AbcdE"), pattern.sub("*", "Education"), pattern.pattern)
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 cats and 10 dogs"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \g<1>", "me@home you@work"))
print(re.sub("x*", "-", "abxd"), re.findall(r"^\w", "one\ntwo", re.M))
print(re.escape("a.b*c"), [m.group() for m in re.finditer(r"\d", "a1b22c")])
tokens = [t for t in re.split(r"\W+", "Hello, world! It's 2024.".lower()) if t]
print(tokens)
print(bool(re.match(r"", "abc")), re.sub("", "-", "ab"), re.split(r"", "abc"), re.findall(r"", "ab"))
