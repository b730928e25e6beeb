using Speech.Core.Data.Synthesis;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

/// <summary>The generator's evaluation options: a closed vocabulary, excluded sentences, and the
/// evaluation voice pools (disjoint from training and from each other), then one run through
/// every engine.</summary>
public sealed class EvaluationSynthesisTests
{
    static readonly HashSet<string> Psalm23Words = "THE LORD IS MY SHEPHERD I SHALL NOT WANT".Split(' ').ToHashSet();

    [Fact]
    public void The_vocabulary_keeps_only_sentences_made_of_its_words()
    {
        // Psalm 23:1 "The LORD is my shepherd; I shall not want." is two clauses, both of these words;
        // no other 3-6 word clause of the mini passages is (Psalm 34:10 "...shall not want any good
        // thing" has other words too), so the pool is exactly the two.
        var options = new SynthesisOptions { Vocabulary = Psalm23Words };
        Assert.Equal(new[] { "THE LORD IS MY SHEPHERD", "I SHALL NOT WANT" }, MiniCorpusSynthesizer.Sentences(options));

        // Excluded sentences go too, and asking for more than is left names both filters.
        options = options with { ExcludedSentences = new HashSet<string> { "I SHALL NOT WANT" } };
        Assert.Equal(new[] { "THE LORD IS MY SHEPHERD" }, MiniCorpusSynthesizer.Sentences(options));
        using var temp = new TempDirectory();
        var error = Assert.Throws<ConfigException>(() => MiniCorpusSynthesizer.Synthesize(temp.Path,
            options with { Speakers = 1, UtterancesPerSpeaker = 2, DevSpeakers = 0, TestSpeakers = 1 }));
        Assert.Contains("only 1 distinct sentences of 3-6 words (1 excluded, only words of a 9-word vocabulary)", error.Message);
    }

    [Fact]
    public void A_vocabulary_from_transcripts_drops_every_sentence_with_an_unknown_word()
    {
        // The committed training split's words; its own sentences and the held-out ones excluded.
        string[] folders = { Path.Combine(MiniCorpus.Root, "train"), Path.Combine(MiniCorpus.Root, "dev"), Path.Combine(MiniCorpus.Root, "test") };
        var vocabulary = TranscriptFolders.Words(folders.Take(1));
        var spoken = TranscriptFolders.Sentences(folders);
        var everything = MiniCorpusSynthesizer.Sentences(new SynthesisOptions());
        var kept = MiniCorpusSynthesizer.Sentences(new SynthesisOptions { Vocabulary = vocabulary, ExcludedSentences = spoken });

        Assert.NotEmpty(kept);
        Assert.All(kept, s => Assert.Subset(vocabulary, s.Split(' ').ToHashSet()));
        Assert.Empty(kept.Intersect(spoken));
        var unknownWord = everything.Where(s => s.Split(' ').Any(w => !vocabulary.Contains(w))).ToList();
        Assert.NotEmpty(unknownWord);
        Assert.Empty(kept.Intersect(unknownWord));
        Assert.Equal(everything.Count - unknownWord.Count - everything.Except(unknownWord).Count(spoken.Contains), kept.Count);
    }

    [Fact]
    public void Evaluation_voice_pools_share_no_voice_no_variant_and_no_person_with_training_or_each_other()
    {
        var training = VoicePools.Of(VoicePools.Training);
        var test = VoicePools.Of(VoicePools.EvaluationTest);
        var dev = VoicePools.Of(VoicePools.EvaluationDev);
        Assert.Empty(test.Intersect(training));
        Assert.Empty(dev.Intersect(training));
        Assert.Empty(dev.Intersect(test));
        Assert.Equal(test.Count, test.Distinct().Count());
        Assert.Equal(dev.Count, dev.Distinct().Count());

        static string Variant(string label) => label.Split('+') is [_, var v] ? v : "";
        var trainingVariants = training.Select(Variant).ToHashSet();
        var evaluationEspeak = test.Concat(dev).Where(l => VoicePools.Parse(l).Engine == EspeakNgEngine.EngineName).ToList();
        Assert.DoesNotContain(evaluationEspeak, l => trainingVariants.Contains(Variant(l)));
        Assert.Equal(evaluationEspeak.Count, evaluationEspeak.Select(Variant).Distinct().Count());

        // The people behind flite and Festival voices: slt (both engines), kal (both), awb, rms, ked.
        static string Person(string label) => VoicePools.Parse(label).Voice.Replace("cmu_us_", "")[..3];
        var testPeople = test.Where(l => VoicePools.Parse(l).Engine != EspeakNgEngine.EngineName).Select(Person).ToHashSet();
        var devPeople = dev.Where(l => VoicePools.Parse(l).Engine != EspeakNgEngine.EngineName).Select(Person).ToHashSet();
        Assert.Equal(new HashSet<string> { "slt", "kal" }, testPeople);
        Assert.Equal(new HashSet<string> { "awb", "rms", "ked" }, devPeople);
    }

    [Fact]
    public void Every_evaluation_espeak_voice_sounds_unlike_its_base_voice_and_every_training_voice()
    {
        // espeak-ng ignores a variant it cannot find (exit 0, the base voice's samples; so does
        // "en-gb+f2"), so a misspelt variant would silently be a training voice.
        using var temp = new TempDirectory();
        var engine = new EspeakNgEngine();
        string Samples(string voice)
        {
            string wav = temp.File(voice.Replace('+', '_') + ".wav");
            engine.Speak("the lord is my shepherd", new SynthesisVoice(voice, 50, 175), wav);
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(wav)[44..]));
        }
        var trainingSounds = SynthesisVoice.EnglishVoices.Select(Samples).ToHashSet();
        foreach (string label in VoicePools.Of(VoicePools.EvaluationTest).Concat(VoicePools.Of(VoicePools.EvaluationDev)))
        {
            var (engineName, voice) = VoicePools.Parse(label);
            if (engineName != EspeakNgEngine.EngineName) continue;
            string sound = Samples(voice);
            Assert.NotEqual(Samples(voice.Split('+')[0]), sound);
            Assert.DoesNotContain(sound, trainingSounds);
        }
    }

    [Fact]
    public void The_test_pool_speaks_through_all_three_engines_deterministically_and_resumably()
    {
        using var temp = new TempDirectory();
        // Ten speakers, one each of the test pool's ten voices, all held out for test.
        var options = new SynthesisOptions { Speakers = 10, UtterancesPerSpeaker = 1, DevSpeakers = 0, TestSpeakers = 10, Voices = VoicePools.EvaluationTest, Seed = 3 };
        var summary = MiniCorpusSynthesizer.Synthesize(temp.File("a"), options);
        Assert.Equal(10, summary.Utterances);
        Assert.Equal(new Dictionary<string, int> { ["espeak-ng"] = 6, ["flite"] = 2, ["festival"] = 2 }, summary.UtterancesPerEngine);
        Assert.Equal(VoicePools.Of(VoicePools.EvaluationTest).Order(), summary.UtterancesPerVoice.Keys.Order());
        var files = Directory.EnumerateFiles(temp.File("a"), "*.flac", SearchOption.AllDirectories).Order().ToList();
        Assert.Equal(10, files.Count);
        Assert.All(files, f => Assert.StartsWith(Path.Combine(temp.File("a"), "test"), f));
        foreach (string flac in files)
        {
            // soxi reads the FLAC independently: 16 kHz, and a clause of 3-6 words lasts 0.5-5 s.
            Assert.Equal("16000", ExternalTool.Run("soxi", "-r", flac).Trim());
            double seconds = double.Parse(ExternalTool.Run("soxi", "-D", flac), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 0.5, 5);
        }
        var written = files.ToDictionary(f => f, File.GetLastWriteTimeUtc);

        MiniCorpusSynthesizer.Synthesize(temp.File("b"), options);
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(f.Replace(temp.File("a"), temp.File("b")))));
        // Resumed: finished files are kept, except one whose transcript names another sentence
        // (as after a change of vocabulary), which is spoken again.
        string stale = files[0], transcript = Directory.GetFiles(Path.GetDirectoryName(stale)!, "*.trans.txt").Single();
        File.WriteAllText(transcript, Path.GetFileNameWithoutExtension(stale) + " SOME OTHER SENTENCE\n");
        Thread.Sleep(20);
        MiniCorpusSynthesizer.Synthesize(temp.File("a"), options);
        Assert.All(files.Skip(1), f => Assert.Equal(written[f], File.GetLastWriteTimeUtc(f)));
        Assert.NotEqual(written[stale], File.GetLastWriteTimeUtc(stale));
        Assert.Equal(File.ReadAllBytes(stale), File.ReadAllBytes(stale.Replace(temp.File("a"), temp.File("b"))));
        Assert.DoesNotContain("SOME OTHER", File.ReadAllText(transcript));
    }

    [Fact]
    public void A_voice_the_engine_lacks_is_an_error_not_its_default_voice()
    {
        using var temp = new TempDirectory();
        var flite = Assert.Throws<ConfigException>(() => new FliteEngine().Speak("a", new SynthesisVoice("nosuch", 50, 175, "flite"), temp.File("a.wav")));
        Assert.Contains("flite has no voice 'nosuch'; installed:", flite.Message);
        Assert.Contains("slt", flite.Message);
        var festival = Assert.Throws<ConfigException>(() => new FestivalEngine().Speak("a", new SynthesisVoice("nosuch", 50, 175, "festival"), temp.File("b.wav")));
        Assert.Contains("Festival has no voice 'nosuch'", festival.Message);
    }
}
