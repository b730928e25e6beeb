using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Captioning.Training;

/// <summary>A caption training recipe YAML (<c>model:</c>, <c>training:</c>, <c>objective:</c>), checked
/// strictly and written back resolved into the run folder, and the cuts it trains on.</summary>
public sealed record CaptionRecipe(CaptionConfig Model, CaptionTrainingOptions Training, CaptionObjectiveOptions Objective)
{
    public static readonly string[] Sections = ["model", "training", "objective"];

    /// <summary>Loads <paramref name="path"/> with <c>--set</c> overrides and writes
    /// <c>config.resolved.yaml</c> into <paramref name="outputDirectory"/>.</summary>
    public static CaptionRecipe Load(string path, IEnumerable<string>? overrides, string outputDirectory)
    {
        var recipe = RecipeConfig.Load(path, overrides);
        recipe.RequireOnlySections(Sections);
        var model = recipe.Section<CaptionConfig>("model");
        if (model.VocabSize != 0) throw new ConfigException($"{recipe.Path}: model.vocab_size is set from the training captions; leave it out");
        var loaded = new CaptionRecipe(model, recipe.Section<CaptionTrainingOptions>("training"), recipe.Section<CaptionObjectiveOptions>("objective"));
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.WriteText(Path.Combine(outputDirectory, "config.resolved.yaml"), recipe.ToResolvedYaml(
            new Dictionary<string, object> { ["model"] = loaded.Model, ["training"] = loaded.Training, ["objective"] = loaded.Objective }));
        return loaded;
    }

    /// <summary>Trains on the captioned manifest and, when given, the audio-only one (KD terms only).</summary>
    public CaptionTrainingRun.Result Train(string manifest, string? audioOnly, string outputDirectory, string? teacherTargets,
        TorchSharp.torch.Device device, IProgress<Speech.Core.Progress.WorkProgress>? progress = null)
    {
        var cuts = Manifest.Read(manifest).ToList();
        if (audioOnly is not null) cuts.AddRange(Manifest.Read(audioOnly));
        return new CaptionTrainingRun(Model, Training, Objective).Run(cuts, outputDirectory, teacherTargets, device, progress);
    }
}
