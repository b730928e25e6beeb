using Speech.Core.Data;
using Speech.Verification.Scoring;

namespace Speech.Verification.Corpus;

/// <summary>Text-dependent trials over eval cuts grouped by (speaker, phrase): the first repetition
/// (by id) enrols, the others test. Target = same speaker, same phrase; impostor = other speaker,
/// same phrase; wrong phrase = same speaker, other phrase (a nontarget in RSR2015's protocol).
/// Writes <c>impostor.txt</c> and <c>wrong_phrase.txt</c> (each: all targets + its nontargets) and
/// <c>all.txt</c>, in WeSpeaker's <c>ENROLL TEST target|nontarget</c> form.</summary>
public static class TextDependentTrials
{
    public const string Impostor = "impostor", WrongPhrase = "wrong_phrase", All = "all";

    public static IReadOnlyDictionary<string, IReadOnlyList<LabelledTrial>> Build(IReadOnlyList<Cut> eval, int nontargetsPerTarget, int seed)
    {
        var groups = eval.GroupBy(c => (Speaker: c.Speaker ?? "", Phrase: c.Text ?? ""))
            .Select(g => (g.Key, Cuts: g.OrderBy(c => c.Id, StringComparer.Ordinal).ToList()))
            .Where(g => g.Cuts.Count >= 2).OrderBy(g => g.Cuts[0].Id, StringComparer.Ordinal).ToList();
        var targets = new List<LabelledTrial>();
        var impostors = new List<LabelledTrial>();
        var wrongPhrase = new List<LabelledTrial>();
        foreach (var (key, cuts) in groups)
        {
            string enrol = cuts[0].Id;
            targets.AddRange(cuts.Skip(1).Select(t => new LabelledTrial(enrol, t.Id, true, 0)));
            foreach (var (other, others) in groups)
            {
                bool sameSpeaker = other.Speaker == key.Speaker, samePhrase = other.Phrase == key.Phrase;
                if (sameSpeaker == samePhrase) continue; // the group itself, or neither condition
                (samePhrase ? impostors : wrongPhrase).AddRange(others.Skip(1).Select(t => new LabelledTrial(enrol, t.Id, false, 0)));
            }
        }
        var random = new SeededRandom((ulong)seed);
        List<LabelledTrial> Keep(List<LabelledTrial> pool) =>
            nontargetsPerTarget == 0 || pool.Count <= targets.Count * nontargetsPerTarget ? pool
                : random.Sample(pool, targets.Count * nontargetsPerTarget).OrderBy(t => t.Enroll, StringComparer.Ordinal).ThenBy(t => t.Test, StringComparer.Ordinal).ToList();
        var keptImpostors = Keep(impostors);
        var keptWrong = Keep(wrongPhrase);
        return new Dictionary<string, IReadOnlyList<LabelledTrial>>
        {
            [Impostor] = [.. targets, .. keptImpostors],
            [WrongPhrase] = [.. targets, .. keptWrong],
            [All] = [.. targets, .. keptImpostors, .. keptWrong],
        };
    }

    public static void Write(string folder, IReadOnlyList<Cut> eval, TextDependentCorpusOptions options)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, trials) in Build(eval, options.NontargetsPerTarget, options.Seed))
            VoxCelebTrials.Write(Path.Combine(folder, name + ".txt"), trials);
    }
}
