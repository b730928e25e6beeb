using System.Diagnostics;
using Speech.Asr.Whisper.Decoding;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper.Loading;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.DistilWhisper;

/// <summary>Teacher greedy decoding against student-drafted, teacher-verified decoding, cut by cut:
/// both must give the same tokens; each way's time for a cut is its fastest of several alternating
/// runs (a pass of a few milliseconds moves by tens of percent on a busy machine).</summary>
public static class SpeculativeBenchmark
{
    /// <summary>Loads teacher and student (<see cref="WhisperLoader"/>) on <paramref name="device"/>, each in its
    /// precision, and times them on every cut of <paramref name="manifestPath"/>.</summary>
    public static SpeculativeBenchmarkResult Run(string teacherPath, string studentPath, string manifestPath, Device device, Precision teacherPrecision,
        Precision studentPrecision, SpeculativeBenchmarkSettings settings, IProgress<WorkProgress>? progress = null)
    {
        settings.Policy(); // bad settings fail before any model loads
        using var teacher = WhisperLoader.Load(teacherPath, device, teacherPrecision);
        using var student = WhisperLoader.Load(studentPath, device, studentPrecision);
        var cuts = Manifest.Read(manifestPath).ToList();
        if (cuts.Count == 0) throw new ManifestException($"{manifestPath}: no cuts to decode");
        return Run(teacher, student, cuts, settings, progress);
    }

    /// <param name="teacher">The verifying model, on the device and in the precision to time.</param>
    /// <param name="student">The drafting model (shares the teacher's encoder; its own precision).</param>
    public static SpeculativeBenchmarkResult Run(LoadedWhisper teacher, LoadedWhisper student, IReadOnlyList<Cut> cuts, SpeculativeBenchmarkSettings settings,
        IProgress<WorkProgress>? progress = null)
    {
        var policy = settings.Policy();
        int runs = settings.Runs;
        bool fullProjection = settings.FullProjection;
        if (cuts.Count == 0) throw new ManifestException("no cuts to decode");
        var teacherModel = teacher.Model;
        var studentModel = student.Model;
        using var engine = new TorchWhisperEngine(teacher, new WhisperDecodingSettings { BatchSize = 1, FullProjection = fullProjection });
        var options = engine.Options;
        var teacherSearch = engine.Search; // the engine owns it
        using var studentSearch = fullProjection ? TopTokenSearch.Full(studentModel) : new TopTokenSearch(studentModel);
        using (var warmScope = NewDisposeScope())
        using (no_grad())
        {
            // Untimed warm-up of both paths (first-call costs of libtorch kernels).
            var warm = teacherModel.Encode(engine.Features(new[] { CutAudio.Read(cuts[0], 16000) }));
            GreedyDecoder.Decode(teacherModel, warm, options, teacherSearch);
            SpeculativeDecoder.Decode(teacherModel, studentModel, warm, options, policy, teacherSearch, studentSearch);
        }
        double greedySeconds = 0, speculativeSeconds = 0;
        int tokens = 0, passes = 0, drafted = 0, accepted = 0, differing = 0, tied = 0, done = 0;
        var agreement = new DraftAgreement.Counts(0, 0, 0);
        var divergences = new List<string>();
        foreach (var cut in cuts)
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var states = teacherModel.Encode(engine.Features(new[] { CutAudio.Read(cut, 16000) }));
            long[] greedy = Array.Empty<long>();
            SpeculativeResult speculative = null!;
            double greedyBest = double.MaxValue, speculativeBest = double.MaxValue;
            for (int run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                greedy = GreedyDecoder.Decode(teacherModel, states, options, teacherSearch)[0];
                greedyBest = Math.Min(greedyBest, clock.Elapsed.TotalSeconds);
                clock.Restart();
                speculative = SpeculativeDecoder.Decode(teacherModel, studentModel, states, options, policy, teacherSearch, studentSearch)[0];
                speculativeBest = Math.Min(speculativeBest, clock.Elapsed.TotalSeconds);
            }
            greedySeconds += greedyBest;
            speculativeSeconds += speculativeBest;
            if (TokenDivergence.Find(teacherModel, states, options, greedy, speculative.Tokens) is { } divergence)
            {
                bool tie = divergence.IsTie(teacherModel.Decoder.OutputWeight.dtype);
                if (tie) tied++;
                else differing++;
                divergences.Add($"{cut.Id}: {divergence}{(tie ? " (a tie at the teacher's rounding)" : "")}");
            }
            agreement += DraftAgreement.Measure(studentModel, states, options, greedy); // untimed
            tokens += speculative.Tokens.Length;
            passes += speculative.TeacherPasses;
            drafted += speculative.DraftTokens;
            accepted += speculative.AcceptedDraftTokens;
            done++;
            progress?.Report(new WorkProgress(done, cuts.Count));
        }
        return new SpeculativeBenchmarkResult(done, tokens, differing, tied, runs, greedySeconds, speculativeSeconds, agreement.Tokens, agreement.First, agreement.TopTwo, passes, drafted, accepted,
            fullProjection, teacherSearch.HotCount, teacherSearch.FullProjections, teacherSearch.Picks, studentSearch.Guesses, divergences);
    }
}
