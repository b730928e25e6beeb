using Speech.Core.Data;
using Speech.Testing;
using Speech.Verification.Corpus;

namespace Speech.Verification.Tests.Corpus;

public sealed class TextDependentTrialsTests
{
    static Cut Utterance(string speaker, int phrase, int repetition) =>
        new($"{speaker}-p{phrase:00}-r{repetition}", new AudioSource("x.wav"), 0, 1, 16000, Text: $"phrase {phrase}", Speaker: speaker);

    /// <summary>3 speakers × 2 phrases × 3 repetitions. Each of the 6 (speaker, phrase) groups enrols
    /// r0 and tests r1, r2: 12 targets. Impostors: enrol vs the 2 test repetitions of the 2 other speakers'
    /// same phrase = 4 a group, 24. Wrong phrase: enrol vs the same speaker's other phrase, 2 a group, 12.</summary>
    [Fact]
    public void Counts_follow_the_protocol_and_conditions_are_separate()
    {
        var cuts = (from s in new[] { "a", "b", "c" } from p in new[] { 0, 1 } from r in new[] { 0, 1, 2 } select Utterance(s, p, r)).ToList();
        var trials = TextDependentTrials.Build(cuts, nontargetsPerTarget: 0, seed: 1);
        Assert.Equal(12, trials[TextDependentTrials.Impostor].Count(t => t.Target));
        Assert.Equal(24, trials[TextDependentTrials.Impostor].Count(t => !t.Target));
        Assert.Equal(12, trials[TextDependentTrials.WrongPhrase].Count(t => !t.Target));
        Assert.Equal(12 + 24 + 12, trials[TextDependentTrials.All].Count);
        Assert.All(trials[TextDependentTrials.Impostor].Where(t => !t.Target), t => Assert.Equal(t.Enroll[^6..^3], t.Test[^6..^3])); // same phrase
        Assert.All(trials[TextDependentTrials.WrongPhrase].Where(t => !t.Target), t => Assert.Equal(t.Enroll[..1], t.Test[..1])); // same speaker
        Assert.All(trials[TextDependentTrials.All], t => Assert.EndsWith("-r0", t.Enroll));
        // One nontarget per target keeps 12 of each kind.
        var sampled = TextDependentTrials.Build(cuts, nontargetsPerTarget: 1, seed: 1);
        Assert.Equal(12, sampled[TextDependentTrials.Impostor].Count(t => !t.Target));
        Assert.Equal(sampled[TextDependentTrials.All], TextDependentTrials.Build(cuts, 1, 1)[TextDependentTrials.All]);
    }

    [Fact]
    public void A_voxceleb_trial_naming_an_unknown_utterance_is_reported_with_its_line()
    {
        using var folder = new TempDirectory();
        Manifest.Write(folder.File("eval.jsonl"), [new Cut("id1/s/00001", new AudioSource("a.wav"), 0, 1, 16000, Speaker: "id1"),
            new Cut("id2/s/00001", new AudioSource("b.wav"), 0, 1, 16000, Speaker: "id2")]);
        File.WriteAllText(folder.File("veri.txt"), "1 id1/s/00001.wav id1/s/00001.wav\n0 id1/s/00001.wav id2/s/00001.wav\n0 id1/s/00001.wav id3/s/00009.wav\n");
        var read = VoxCelebTrials.Read(folder.File("veri.txt"), folder.File("eval.jsonl"));
        Assert.Equal("3 read, 2 kept, 1 skipped", read.Summary("kept"));
        Assert.Equal(3, read.Skipped[0].Line);
        Assert.Contains("'id3/s/00009'", read.Skipped[0].Problem);
    }
}
