using Speech.Asr.DistilWhisper;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Distillation;
using Speech.Core.Nn;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>Where a Distil-Whisper training step's time goes (the recipe's stage 5, half of its hour):
/// the frozen shared encoder, the teacher's decoder and 51,864-way projection, the student's forward
/// and loss, its backward, and AdamW, each timed alone on one batch shaped like the mini chain's
/// (12 cuts of up to 4 s, 16 decoder positions, 12 labelled), then the whole step through
/// <see cref="DistilWhisperObjective"/>, in fp32 and in bf16 (model weights in bf16, fp32 master
/// weights in the optimizer, as the trainer runs it). Random weights: the cost does not depend on them.</summary>
public static class DistilStepBenchmark
{
    const int Rounds = 9, Cuts = 12, Positions = 16, Labelled = 12;

    // Arguments: [threads (2)] [student decoder layers (2)].
    public static void Run(string[] args, TextWriter output)
    {
        int threads = args.Length > 0 && int.TryParse(args[0], out int t) ? t : 2;
        int studentLayers = args.Length > 1 && int.TryParse(args[1], out int s) ? s : 2;
        set_num_threads(threads);
        var config = WhisperConfig.Named["mini"];
        output.WriteLine($"threads {threads}; mini teacher ({config.DecoderLayers} decoder layers) and a {studentLayers}-layer student; " +
                         $"batch {Cuts} cuts x {config.MaxSourcePositions * 2} mel frames, {Positions} decoder positions, {Labelled} labelled; median of {Rounds}");
        output.WriteLine($"{"precision",-9} {"encoder",9} {"teacher",9} {"student+loss",13} {"backward",9} {"AdamW",9} {"parts",9} {"step",9}  the projection's share");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
            Row(output, config, studentLayers, dtype);
    }

    static void Row(TextWriter output, WhisperConfig config, int studentLayers, ScalarType dtype)
    {
        manual_seed(1);
        using var teacher = new WhisperModel(config);
        using var student = StudentInitializer.FromTeacher(teacher, studentLayers);
        student.FreezeEncoder();
        var named = student.named_parameters().ToList();
        Dictionary<string, Tensor>? master = null;
        if (dtype == ScalarType.BFloat16)
        {
            master = named.ToDictionary(p => p.name, p => p.parameter.detach().clone());
            student.to(dtype);
            teacher.to(dtype);
            named = student.named_parameters().ToList();
        }
        using var optimizer = new AdamW(named, masterInit: master);
        if (master is not null) foreach (var tensor in master.Values) tensor.Dispose();
        student.train();
        var objective = new DistilWhisperObjective(student, teacher);
        using var batch = Batch(config);
        using var positions = batch.LabelledPositions();
        using var labels = batch.LabelsAt(positions);
        using var features = batch.Features.to(dtype);
        using var states = Encode(student, features);

        double encoder = MedianTime.Seconds(() => { using var scope = NewDisposeScope(); Encode(student, features); }, Rounds);
        double teacherTime = MedianTime.Seconds(() =>
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            teacher.LogitsAt(states, batch.DecoderInput, positions);
        }, Rounds);
        using Tensor teacherLogits = TeacherLogits(teacher, states, batch.DecoderInput, positions);
        Tensor Loss()
        {
            var logits = student.LogitsAt(states, batch.DecoderInput, positions);
            var ce = nn.functional.cross_entropy(KdLoss.AtLeastFloat32(logits), labels);
            using var weight = 0.8.ToScalar();
            return ce.mul(weight).add(KdLoss.ForwardKl(logits, teacherLogits, mask: null, temperature: 2.0), Scalars.One);
        }
        double forward = MedianTime.Seconds(() => { using var scope = NewDisposeScope(); Loss(); }, Rounds);
        double forwardBackward = MedianTime.Seconds(() =>
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            Loss().backward();
        }, Rounds);
        double adam = MedianTime.Seconds(() => { using var scope = NewDisposeScope(); optimizer.Update(1e-4); }, Rounds);
        double step = MedianTime.Seconds(() =>
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var terms = objective.Compute(batch);
            Tensor? total = null;
            foreach (var term in terms)
            {
                using var weight = term.Weight.ToScalar();
                var weighted = term.Value.to(ScalarType.Float32).mul(weight);
                total = total is null ? weighted : total.add(weighted, Scalars.One);
            }
            total!.backward();
            optimizer.Update(1e-4);
        }, Rounds);
        // The student's forward without autograd, and its decoder without the 51,864-way projection.
        double studentLogits = MedianTime.Seconds(() => { using var scope = NewDisposeScope(); using var guard = no_grad(); student.LogitsAt(states, batch.DecoderInput, positions); }, Rounds);
        double studentHidden = MedianTime.Seconds(() => { using var scope = NewDisposeScope(); using var guard = no_grad(); student.Decoder.HiddenStates(batch.DecoderInput, states); }, Rounds);
        double parts = encoder + teacherTime + forwardBackward + adam;
        output.WriteLine($"{(dtype == ScalarType.Float32 ? "fp32" : "bf16"),-9} {Ms(encoder),9} {Ms(teacherTime),9} {Ms(forward),13} {Ms(forwardBackward - forward),9} " +
                         $"{Ms(adam),9} {Ms(parts),9} {Ms(step),9}  {(studentLogits - studentHidden) / studentLogits:P0} of the student's forward");
    }

    static Tensor Encode(WhisperModel model, Tensor features)
    {
        using var guard = no_grad();
        return model.Encode(features);
    }

    static Tensor TeacherLogits(WhisperModel teacher, Tensor states, Tensor input, Tensor positions)
    {
        using var guard = no_grad();
        return teacher.LogitsAt(states, input, positions);
    }

    /// <summary>Random log-mel and tokens; the last <c>Positions - Labelled</c> positions of each cut unlabelled (prompt and padding).</summary>
    static WhisperBatch Batch(WhisperConfig config)
    {
        var features = randn(Cuts, config.NumMelBins, config.MaxSourcePositions * 2);
        var input = randint(0, 50000, new long[] { Cuts, Positions });
        var labels = randint(0, 50000, new long[] { Cuts, Positions });
        labels[TensorIndex.Colon, TensorIndex.Slice(0, Positions - Labelled)] = tensor(WhisperBatch.Ignore);
        return new WhisperBatch(features, input, labels, Enumerable.Range(0, Cuts).Select(i => $"c{i}").ToList());
    }

    static string Ms(double seconds) => $"{seconds * 1e3:F1} ms";
}
