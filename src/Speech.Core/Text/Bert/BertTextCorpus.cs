using Speech.Core.Data;
using Speech.Core.Data.Synthesis;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Core.Text.Bert;

/// <summary>A text to train a BERT on without downloads: King James Bible clauses (the same clause
/// cutting as the synthetic corpus, <see cref="KjvSentenceSource"/>), leaving out every transcript of
/// the held-out manifests (dev and test sets), so the teacher has never read a sentence the students
/// are scored on. One clause a line, in Bible order.</summary>
public static class BertTextCorpus
{
    public sealed record Result(int Written, int HeldOut, int Words);

    /// <param name="passageSet">A name of <see cref="KjvSentenceSource.Named"/> (mini, wisdom, books).</param>
    public static Result Write(string path, string passageSet, IEnumerable<string> heldOutManifests, int minWords = 3, int maxWords = 40)
    {
        if (!KjvSentenceSource.Named.TryGetValue(passageSet, out var passages))
            throw new ConfigException($"--passages {passageSet}: valid: {string.Join(", ", KjvSentenceSource.Named.Keys)}");
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (string manifest in heldOutManifests)
            foreach (var cut in Manifest.Read(manifest))
                if (!string.IsNullOrWhiteSpace(cut.Text)) heldOut.Add(Key(cut.Text));
        var kept = KjvSentenceSource.Load(minWords, maxWords, passages).Where(s => !heldOut.Contains(Key(s))).ToList();
        if (kept.Count == 0) throw new SpeechException($"{passageSet}: no clauses left after holding out {heldOut.Count} sentences");
        AtomicFile.WriteText(path, string.Join("\n", kept) + "\n");
        return new Result(kept.Count, heldOut.Count, kept.Sum(s => s.Split(' ').Length));
    }

    /// <summary>Upper case, single spaces: how the corpus and the transcripts both write a clause.</summary>
    static string Key(string text) => string.Join(' ', text.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
