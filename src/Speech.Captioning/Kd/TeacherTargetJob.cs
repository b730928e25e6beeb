using Speech.Captioning.Model;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>Caches a teacher's outputs for every cut of a manifest (the reference regenerates or keeps
/// them in memory per audio id; here they are written once so every student reuses them): the
/// beam-search caption and the clip embedding, one JSON line per cut, appended and flushed per
/// batch. A rerun keeps finished lines and drops a torn last one. A clip whose audio cannot be
/// decoded is skipped, reported and counted.</summary>
/// <param name="beamSize">Beams for the teacher's captions (the reference: 3).</param>
public sealed class TeacherTargetJob(CaptionModel teacher, CaptionVocabulary vocabulary, int beamSize = 3, int batchSize = 16, Device? device = null)
{
    public sealed record Outcome(int Cuts, int AlreadyDone, int Written, IReadOnlyList<string> Undecodable);

    public Outcome Run(IReadOnlyList<Cut> cuts, string path, IProgress<WorkProgress>? progress = null)
    {
        var done = Read(path, repair: true).Keys.ToHashSet(StringComparer.Ordinal);
        int alreadyDone = done.Count, written = 0;
        var batches = new DecodedBatches(cuts.Where(c => !done.Contains(c.Id)), batchSize);
        using var features = new CaptionFeatures(teacher.Config.FeatureDim, device);
        using var writer = new StreamWriter(path, append: true);
        foreach (var audio in batches.Read())
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (feats, lengths) = features.Extract(audio.Select(a => a.Samples).ToList());
            var clip = teacher.Encode(feats, lengths).Clip.to(ScalarType.Float32).cpu();
            var captions = CaptionSearch.Generate(teacher, feats, lengths, beamSize);
            for (int i = 0; i < audio.Count; i++)
                writer.WriteLine(new TeacherTarget(audio[i].Cut.Id, vocabulary.Decode(captions[i]), clip[i].data<float>().ToArray()).ToJsonLine());
            writer.Flush();
            written += audio.Count;
            progress?.Report(new WorkProgress(alreadyDone + written + batches.Undecodable.Count, cuts.Count));
        }
        return new Outcome(cuts.Count, alreadyDone, written, batches.Undecodable);
    }

    /// <summary>The cached targets by cut id. With <paramref name="repair"/> a torn last line (a kill
    /// while writing) is cut off; a bad line elsewhere is an error naming it.</summary>
    public static Dictionary<string, TeacherTarget> Read(string path, bool repair = false)
    {
        var targets = new Dictionary<string, TeacherTarget>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            if (repair) return targets;
            throw new SpeechException($"{path}: teacher targets not found");
        }
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            if (TeacherTarget.TryParse(lines[i]) is { } target) { targets[target.Id] = target; continue; }
            if (i == lines.Length - 1 && repair)
            {
                File.WriteAllLines(path, lines.Take(i));
                break;
            }
            throw new SpeechException($"{path}:{i + 1}: not a teacher target line");
        }
        return targets;
    }
}
