using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Xunit;
using Speech.Core.Config;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Config;

internal sealed record ModelPart
{
    public int DModel { get; init; } = 4;
    public double Dropout { get; init; } = 0.1;
    [JsonPropertyName("ffn")] public int FeedForward { get; init; } = 8;
}

internal enum Precision { Fp32, Bf16, Fp16 }

internal sealed record TrainingPart
{
    public int Steps { get; init; } = 10;
    public double Lr { get; init; } = 1e-3;
    public Precision Precision { get; init; } = Precision.Fp32;
    public string Name { get; init; } = "run";
    public bool Shuffle { get; init; } = true;
    public long? Seed { get; init; }
    public float Warmup { get; init; } = 0.5f;
}

internal sealed record NamingPart
{
    public int FfnDim { get; init; }
    public double LearningRate { get; init; }
}

/// <summary>Recipes: strict binding of YAML sections onto options records. Every expected line number
/// below is counted by hand in the YAML written by the test (line 1 is the first element of
/// <c>Recipe(...)</c>); the messages are written out from the spec, not copied from the code.</summary>
public sealed class RecipeConfigTests : IDisposable
{
    private const string TrainingKeys = "lr, name, precision, seed, shuffle, steps, warmup";
    private readonly TempDirectory _dir = new("recipe-config");

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes the lines joined by '\n' (so line N is lines[N-1]) and returns the path.</summary>
    private string Recipe(params string[] lines)
    {
        string path = _dir.File($"r{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static ConfigException Fails(Action action) => Assert.Throws<ConfigException>(action);

    [Fact]
    public void Absent_keys_and_sections_keep_the_defaults()
    {
        var config = RecipeConfig.Load(Recipe("model:", "  d_model: 256"));
        Assert.Equal(new ModelPart { DModel = 256, Dropout = 0.1, FeedForward = 8 }, config.Section<ModelPart>("model"));
        Assert.Equal(new TrainingPart(), config.Section<TrainingPart>("training"));
    }

    [Fact]
    public void Snake_case_keys_bind_every_supported_type()
    {
        var config = RecipeConfig.Load(Recipe(
            "# conf/ctc.yaml",
            "training:",
            "  steps: 3000",
            "  lr: 1.0e-3",
            "  precision: fp16",
            "  name: 'ctc small'",
            "  shuffle: false",
            "  seed: -7",
            "  warmup: 0.25"));
        Assert.Equal(new TrainingPart
        {
            Steps = 3000, Lr = 0.001, Precision = Precision.Fp16, Name = "ctc small", Shuffle = false, Seed = -7, Warmup = 0.25f,
        }, config.Section<TrainingPart>("training"));
    }

    [Fact]
    public void Pascal_case_words_become_snake_case_keys()
    {
        var naming = RecipeConfig.Load(Recipe("opt:", "  ffn_dim: 3", "  learning_rate: 0.5")).Section<NamingPart>("opt");
        Assert.Equal(new NamingPart { FfnDim = 3, LearningRate = 0.5 }, naming);

        string path = Recipe("opt:", "  FfnDim: 3");
        var error = Fails(() => RecipeConfig.Load(path).Section<NamingPart>("opt"));
        Assert.Equal($"{path}:2: unknown key 'FfnDim' in section 'opt'; valid: ffn_dim, learning_rate", error.Message);
    }

    [Fact]
    public void JsonPropertyName_wins_over_the_snake_case_name()
    {
        Assert.Equal(1024, RecipeConfig.Load(Recipe("model:", "  ffn: 1024")).Section<ModelPart>("model").FeedForward);

        string path = Recipe("model:", "  feed_forward: 1024");
        var error = Fails(() => RecipeConfig.Load(path).Section<ModelPart>("model"));
        Assert.Equal($"{path}:2: unknown key 'feed_forward' in section 'model'; valid: d_model, dropout, ffn", error.Message);
    }

    [Fact]
    public void Unknown_key_names_its_line_and_the_sorted_valid_keys()
    {
        string path = Recipe(
            "# recipe",        // 1
            "model:",          // 2
            "  d_model: 256",  // 3
            "  dropout: 0.2",  // 4
            "  layerz: 6");    // 5
        var error = Fails(() => RecipeConfig.Load(path).Section<ModelPart>("model"));
        Assert.Equal($"{path}:5: unknown key 'layerz' in section 'model'; valid: d_model, dropout, ffn", error.Message);
    }

    [Theory]
    [InlineData("steps: six", "training.steps must be an integer, got 'six'")]
    [InlineData("steps: 2.5", "training.steps must be an integer, got '2.5'")]
    [InlineData("steps: ~", "training.steps must be an integer, got '~'")]
    [InlineData("lr: fast", "training.lr must be a number, got 'fast'")]
    [InlineData("lr: 1e999", "training.lr must be a number, got '1e999'")]
    [InlineData("shuffle: maybe", "training.shuffle must be true or false, got 'maybe'")]
    [InlineData("precision: fp8", "training.precision must be one of fp32, bf16, fp16, got 'fp8'")]
    public void Wrong_type_names_its_line_and_value(string line3, string expected)
    {
        string path = Recipe("training:", "  name: small", "  " + line3);
        var error = Fails(() => RecipeConfig.Load(path).Section<TrainingPart>("training"));
        Assert.Equal($"{path}:3: {expected}", error.Message);
    }

    [Theory]
    [InlineData("bf16")]
    [InlineData("Bf16")]
    [InlineData("BF16")]
    public void Enum_accepts_its_name_in_any_case(string text) =>
        Assert.Equal(Precision.Bf16, RecipeConfig.Load(Recipe("training:", $"  precision: {text}")).Section<TrainingPart>("training").Precision);

    [Fact]
    public void Unknown_section_names_its_line_and_the_sorted_valid_sections()
    {
        string path = Recipe(
            "model:",        // 1
            "  d_model: 8",  // 2
            "trainer:",      // 3
            "  steps: 1");   // 4
        var config = RecipeConfig.Load(path);
        config.RequireOnlySections("training", "model", "trainer");
        var error = Fails(() => config.RequireOnlySections("training", "model"));
        Assert.Equal($"{path}:3: unknown section 'trainer'; valid: model, training", error.Message);
    }

    public static TheoryData<string[], int, string> BadShapes => new()
    {
        { ["model:", "  d_model: 8", "  encoder:", "    layers: 2"], 3, "model.encoder must be a single value, got a mapping" },
        { ["model:", "  d_model: 8", "  strides: [2, 2]"], 3, "model.strides must be a single value, got a list" },
        { ["# header", "model:", "  - d_model: 8"], 2, "section 'model' must be a mapping of key: value settings, got a list" },
        { ["model: 3"], 1, "section 'model' must be a mapping of key: value settings, got the value '3'" },
        { ["# header", "- model", "- training"], 2, "the recipe must be a mapping of sections, got a list" },
        { ["model:", "  d_model: &width 8", "  ffn: *width"], 2, "anchors and aliases (&width) are not supported" },
        { ["model:", "  d_model: !!int 8"], 2, "tags (" },
        { ["model:", "  d_model: 8", "training:", "  steps: 1", "model:", "  ffn: 2"], 5, "Duplicate key" },
        { ["# only a comment"], 1, "the recipe is empty" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void Shapes_other_than_sections_of_scalars_are_rejected_with_their_line(string[] lines, int line, string fragment)
    {
        string path = Recipe(lines);
        var error = Fails(() => RecipeConfig.Load(path));
        Assert.StartsWith($"{path}:{line}: {fragment}", error.Message);
    }

    [Fact]
    public void Overrides_replace_and_add_values_and_sections()
    {
        var config = RecipeConfig.Load(
            Recipe("model:", "  d_model: 256", "  dropout: 0.2"),
            ["model.d_model=512", "model.ffn=2048", "training.precision=bf16", "training.name='a b'", "model.d_model=1024"]);
        Assert.Equal(new ModelPart { DModel = 1024, Dropout = 0.2, FeedForward = 2048 }, config.Section<ModelPart>("model"));
        var training = config.Section<TrainingPart>("training");
        Assert.Equal((Precision.Bf16, "a b"), (training.Precision, training.Name));
    }

    [Fact]
    public void Override_with_an_unknown_key_or_bad_value_names_the_override()
    {
        string path = Recipe("training:", "  steps: 5");
        var unknown = Fails(() => RecipeConfig.Load(path, ["training.lrr=3"]).Section<TrainingPart>("training"));
        Assert.Equal($"--set training.lrr=3: unknown key 'lrr' in section 'training'; valid: {TrainingKeys}", unknown.Message);

        var badValue = Fails(() => RecipeConfig.Load(path, ["training.steps=many"]).Section<TrainingPart>("training"));
        Assert.Equal("--set training.steps=many: training.steps must be an integer, got 'many'", badValue.Message);

        var section = Fails(() => RecipeConfig.Load(path, ["optim.lr=3"]).RequireOnlySections("training"));
        Assert.Equal("--set optim.lr=3: unknown section 'optim'; valid: training", section.Message);
    }

    [Theory]
    [InlineData("training.lr")]
    [InlineData("lr=3")]
    [InlineData("=3")]
    [InlineData(".lr=3")]
    [InlineData("training.=3")]
    [InlineData("training.lr.max=3")]
    [InlineData("training.lr=[3, 4]")]
    public void Malformed_override_names_the_override(string text)
    {
        var error = Fails(() => RecipeConfig.Load(Recipe("training:", "  steps: 5"), [text]));
        Assert.StartsWith($"--set {text}: ", error.Message);
    }

    [Fact]
    public void Resolved_yaml_shows_defaults_and_binds_back_to_equal_objects()
    {
        var config = RecipeConfig.Load(
            Recipe("model:", "  d_model: 256", "training:", "  lr: 1.0e-10", "  name: 'true'", "  precision: bf16"),
            ["training.warmup=0.1", "model.dropout=0"]);
        var model = config.Section<ModelPart>("model");
        var training = config.Section<TrainingPart>("training");

        string yaml = config.ToResolvedYaml(new Dictionary<string, object> { ["model"] = model, ["training"] = training });

        Assert.Contains("\n  ffn: 8\n", yaml);            // a default is written
        Assert.Contains("\n  dropout: 0.0\n", yaml);      // a whole double still reads as a float
        Assert.Contains("\n  precision: bf16\n", yaml);   // enums in snake_case
        Assert.DoesNotContain("\n  seed:", yaml);           // null omitted
        Assert.True(yaml.IndexOf("\n  d_model:", StringComparison.Ordinal) < yaml.IndexOf("\n  dropout:", StringComparison.Ordinal));
        var again = RecipeConfig.Load(Recipe(yaml.Split('\n')));
        again.RequireOnlySections("model", "training");
        Assert.Equal(model, again.Section<ModelPart>("model"));
        Assert.Equal(training, again.Section<TrainingPart>("training"));
        Assert.Equal("true", again.Section<TrainingPart>("training").Name);
    }

    [Property(MaxTest = 200)]
    public bool Resolved_yaml_round_trips_any_values(int steps, double lr, float warmup, NonNull<string> name, bool shuffle, long? seed, byte precision)
    {
        string text = new(name.Get.Where(c => !char.IsSurrogate(c)).ToArray());
        var training = new TrainingPart
        {
            Steps = steps, Lr = lr, Warmup = warmup, Name = text, Shuffle = shuffle, Seed = seed, Precision = (Precision)(precision % 3),
        };
        var config = RecipeConfig.Load(Recipe("training:", "  steps: 1"));
        string yaml = config.ToResolvedYaml(new Dictionary<string, object> { ["training"] = training });
        string path = _dir.File($"resolved{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return RecipeConfig.Load(path).Section<TrainingPart>("training").Equals(training);
    }
}
