using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Tests.Audio;
using Speech.Testing;

namespace Speech.Core.Tests.Data.Sampling;

public sealed class SpeakerPackingTests : IDisposable
{
    readonly TempDirectory folder = new("speech-packing");

    public void Dispose() => folder.Dispose();

    static Cut C(string id, string speaker, double duration, string text) =>
        new(id, new AudioSource($"/a/{id}.flac"), 0, duration, 16000, text, speaker);

    [Fact]
    public void Every_cut_lands_in_exactly_one_pack_of_its_own_speaker_within_the_window()
    {
        var random = new Random(3);
        var cuts = Enumerable.Range(0, 60).Select(i => C($"c{i:00}", $"s{i % 4}", 0.4 + random.NextDouble() * 2.4, $"WORD{i}")).ToList();
        cuts.Add(C("long", "s0", 5.0, "LONG ONE")); // longer than the window: a pack of its own
        var packing = new SpeakerPacking(cuts, windowSeconds: 4.0, gapSeconds: 0.3, seed: 9);

        var members = packing.Packs.SelectMany(p => packing.MembersOf(p)).Select(c => c.Id).ToList();
        Assert.Equal(cuts.Select(c => c.Id).OrderBy(x => x), members.OrderBy(x => x));
        foreach (var pack in packing.Packs)
        {
            var inPack = packing.MembersOf(pack);
            Assert.Single(inPack.Select(c => c.Speaker).Distinct());
            Assert.Equal(string.Join('+', inPack.Select(c => c.Id)), pack.Id);
            Assert.Equal(string.Join(' ', inPack.Select(c => c.Text)), pack.Text);
            Assert.Equal(inPack.Sum(c => c.Duration) + 0.3 * (inPack.Count - 1), pack.Duration, 9);
            if (inPack.Count > 1) Assert.True(pack.Duration <= 4.0, $"{pack.Id} is {pack.Duration} s");
        }
        Assert.Equal("long", packing.Packs.Single(p => p.Id.Contains("long")).Id);
        // Packs are known as packs; a pack of one is its member; a cut inside a larger pack is not a pack.
        Assert.All(packing.Packs, p => Assert.True(packing.IsPack(p)));
        var shared = packing.Packs.First(p => packing.MembersOf(p).Count > 1);
        Assert.False(packing.IsPack(packing.MembersOf(shared)[0]));
        Assert.True(packing.IsPack(cuts.Single(c => c.Id == "long")));
        // Cuts of 0.4-2.8 s in a 4 s window: most packs hold two or more.
        Assert.True(packing.Packs.Count < cuts.Count * 0.7, $"{packing.Packs.Count} packs of {cuts.Count} cuts");
    }

    [Fact]
    public void The_same_seed_gives_the_same_packs_and_another_seed_other_ones()
    {
        var cuts = Enumerable.Range(0, 30).Select(i => C($"c{i:00}", $"s{i % 2}", 1.0 + i % 3 * 0.5, "A")).ToList();
        string Ids(long seed) => string.Join(',', new SpeakerPacking(cuts, 4.0, 0.3, seed).Packs.Select(p => p.Id));
        Assert.Equal(Ids(1), Ids(1));
        Assert.NotEqual(Ids(1), Ids(2));
    }

    [Fact]
    public void A_packs_audio_is_its_members_samples_with_silence_between()
    {
        string file = ReferenceAudio.Synth(folder.File("tone.flac"), 16000, 1, 16, seconds: 1.0);
        var first = new Cut("a", new AudioSource(file), 0.0, 0.5, 16000, "ONE", "s");
        var second = new Cut("b", new AudioSource(file), 0.5, 0.25, 16000, "TWO", "s");
        var packing = new SpeakerPacking([first, second], windowSeconds: 4.0, gapSeconds: 0.25, seed: 1);
        var pack = Assert.Single(packing.Packs);
        var members = packing.MembersOf(pack);
        var expected = CutAudio.Read(members[0], 16000).Concat(new float[4000]).Concat(CutAudio.Read(members[1], 16000)).ToArray();

        var joined = packing.Audio(pack, 16000);

        Assert.Equal(8000 + 4000 + 4000, joined.Length);
        Assert.Equal(expected, joined);
        Assert.Contains(joined.Take(8000), s => s != 0); // the tone is there, not silence
    }
}
