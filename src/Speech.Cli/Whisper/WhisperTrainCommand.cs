using System.CommandLine;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Cli.Hosting;

namespace Speech.Cli.Whisper;

/// <summary><c>speech whisper train</c>: supervised training of a Whisper model on a manifest with
/// the shared trainer; resumes from its last checkpoint when rerun; writes the final model as a
/// Hugging Face folder (OUT/model).</summary>
public static class WhisperTrainCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "Training cuts (JSONL manifest with transcripts).", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: checkpoints/, metrics.jsonl, model/ (the final HF folder).", Required = true };
        var size = new Option<string>("--size") { Description = $"Architecture: {string.Join(", ", WhisperConfig.Named.Keys)}, or a config.json.", DefaultValueFactory = _ => "mini" };
        var init = new Option<string?>("--init") { Description = "Start from this Hugging Face Whisper folder instead of random weights (--size is then ignored); " +
            "a training checkpoint folder (OUT/checkpoints/step-N) of a --ctc-weight run also continues its CTC head." };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 2000 };
        var rate = new Option<double>("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => 1e-3 };
        var warmup = new Option<long>("--warmup") { Description = "Linear warm-up steps, then linear decay.", DefaultValueFactory = _ => 200 };
        var maxDuration = new Option<double>("--max-duration") { Description = "Seconds of audio per batch (dynamic bucketing).", DefaultValueFactory = _ => 60 };
        var precision = PrecisionOption.Create("fp32 or bf16 (float32 master weights);");
        var ctcWeight = new Option<double>("--ctc-weight")
        {
            Description = "Weight of an auxiliary CTC loss over the transcripts' characters on the encoder (hybrid CTC/attention; 0.3 is ESPnet's usual value): " +
                          "the encoder learns the audio from the start instead of the decoder leaning on its language model. The head is saved beside the model (ctc_head.safetensors, ctc_vocab.json; Hugging Face " +
                          "and whisper.cpp ignore them) for joint CTC/attention decoding (`whisper transcribe --ctc-weight`). 0 = off.",
            DefaultValueFactory = _ => 0,
        };
        var ceWeight = new Option<double>("--ce-weight")
        {
            Description = "Weight of the decoder's next-token cross-entropy. 0 with --ctc-weight > 0 trains the encoder alone with CTC (the decoder is not run): " +
                          "a pre-training run whose model a second run continues with --init, so the decoder's attention starts on an encoder that already hears.",
            DefaultValueFactory = _ => 1.0,
        };
        var specAugment = new Option<bool>("--spec-augment")
        {
            Description = "Mask the log-mel of each input's speech (SpecAugment: two frequency masks up to 27 bins, two time masks up to 40 frames " +
                          "and 20 % of the speech; seeded by the cut ids): the usual regulariser for a small corpus and unheard voices.",
        };
        var labelSmoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing of the cross-entropy (0 = off; 0.1 is ESPnet's usual value).", DefaultValueFactory = _ => 0 };
        var inputNoise = new Option<double>("--decoder-input-noise")
        {
            Description = "Share of the decoder's text input tokens replaced by other tokens of the batch (labels unchanged), so the decoder has to listen " +
                          "instead of guessing the next word from the previous ones: its language model of a few thousand sentences otherwise overrules the audio. 0 = off.",
            DefaultValueFactory = _ => 0,
        };
        var pack = new Option<bool>("--pack")
        {
            Description = "Join cuts of one speaker (in a seeded order, --pack-gap apart) into inputs up to the model's window, as distil-whisper packs " +
                          "segments into 30 s: Whisper pads every input to its window, so short cuts otherwise spend most of the encoder on padding.",
        };
        var packSingles = new Option<bool>("--pack-singles")
        {
            Description = "With --pack, also train on every cut alone (each cut is then seen twice an epoch, alone and in a pack): the model also learns " +
                          "windows holding one short utterance and long silence, as short-form test cuts are, and when to stop in them.",
        };
        var freezeEncoder = new Option<bool>("--freeze-encoder")
        {
            Description = "Keep the encoder's weights fixed (from --init): only the decoder and the CTC head train, and each step skips the encoder's backward pass " +
                          "(about 1.6x the steps per second of the mini model). For a decoder learning to read an encoder that a CTC run (--ce-weight 0) already taught to hear.",
        };
        var shortlist = new Option<bool>("--vocabulary-shortlist")
        {
            Description = "Compute the training softmax over the tokens the manifest's transcripts use (a few thousand) instead of all of the vocabulary " +
                          "(Marian's shortlists): about a third of a decoder-only step is the projection onto 51,864 tokens. Nothing then pushes the other tokens down: " +
                          "finish with a phase without it.",
        };
        var packGap = new Option<double>("--pack-gap") { Description = "Seconds of silence between packed cuts.", DefaultValueFactory = _ => 0.3 };
        var keepLast = new Option<int>("--keep-last") { Description = "Step checkpoints kept (older ones are deleted); `whisper average` takes the last ones.", DefaultValueFactory = _ => 3 };
        var every = new Option<long>("--checkpoint-every") { Description = "Steps between checkpoints.", DefaultValueFactory = _ => 200 };
        var dropout = new WhisperDropoutOptions();
        var command = new Command("train", "Train a Whisper model on a manifest (resumable: rerun the same command after a kill).")
            { manifest, output, size, init, steps, rate, warmup, maxDuration, precision, ctcWeight, ceWeight, specAugment, labelSmoothing, inputNoise, pack, packSingles, packGap, freezeEncoder, shortlist, every, keepLast };
        foreach (var option in dropout.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var options = new WhisperTrainOptions(parse.GetValue(manifest)!, parse.GetValue(output)!)
            {
                Size = parse.GetValue(size)!, Init = parse.GetValue(init), Steps = parse.GetValue(steps), LearningRate = parse.GetValue(rate),
                Warmup = parse.GetValue(warmup), MaxDuration = parse.GetValue(maxDuration), Seed = verb.Seed,
                Precision = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, verb.Device),
                CtcWeight = parse.GetValue(ctcWeight), CeWeight = parse.GetValue(ceWeight), SpecAugment = parse.GetValue(specAugment),
                LabelSmoothing = parse.GetValue(labelSmoothing), DecoderInputNoise = parse.GetValue(inputNoise),
                PackGapSeconds = parse.GetValue(pack) ? parse.GetValue(packGap) : null, PackSingles = parse.GetValue(packSingles), FreezeEncoder = parse.GetValue(freezeEncoder),
                VocabularyShortlist = parse.GetValue(shortlist),
                CheckpointEvery = parse.GetValue(every), KeepLast = parse.GetValue(keepLast), Dropout = dropout.Read(parse),
            };
            using var run = WhisperSupervisedTraining.Prepare(options, verb.Device, verb.Notes);
            TrainingReport.Print(verb.Output, ConsoleProgress.Run(verb.Output, "whisper train", run.Train), run.ModelFolder);
            return CommandErrors.Success;
        });
        return command;
    }
}
