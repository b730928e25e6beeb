using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Cli.Text;

/// <summary><c>speech text tokenize</c>: each stdin line as space-separated token ids; with
/// <c>--train-bpe DIR</c> trains a byte-level BPE on standard input and saves it there instead.</summary>
public static class TextTokenizeCommand
{
    public static Command Build()
    {
        var bpe = new Option<string?>("--bpe") { Description = "Folder with a byte-level BPE (vocab.json + merges.txt)." };
        var wordPiece = new Option<string?>("--wordpiece") { Description = "A BERT vocab.txt." };
        var characters = new Option<string?>("--chars") { Description = "A character vocab.json." };
        var trainBpe = new Option<string?>("--train-bpe") { Description = "Train a byte-level BPE on standard input and save it to this folder." };
        var vocabularySize = new Option<int>("--vocab-size") { Description = "With --train-bpe: vocabulary size.", DefaultValueFactory = _ => 500 };
        var command = new Command("tokenize", "Encode each line of standard input to token ids, or train a byte-level BPE on it.")
        { bpe, wordPiece, characters, trainBpe, vocabularySize };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(trainBpe) is { } folder)
            {
                var lines = new List<string>();
                while (Console.In.ReadLine() is { } line) lines.Add(line);
                var vocabulary = ByteLevelBpeTrainer.Train(lines, parse.GetValue(vocabularySize));
                vocabulary.Save(folder);
                output.WriteLine($"{vocabulary.Tokens.Count} tokens ({vocabulary.Merges.Count} merges) saved to {folder}");
                return CommandErrors.Success;
            }
            ITokenizer tokenizer = (parse.GetValue(bpe), parse.GetValue(wordPiece), parse.GetValue(characters)) switch
            {
                ({ } path, null, null) => ByteLevelBpeTokenizer.Load(path),
                (null, { } path, null) => WordPieceTextTokenizer.Load(path),
                (null, null, { } path) => CharacterTokenizer.Load(path),
                _ => throw new ConfigException("give exactly one of --bpe, --wordpiece, --chars (or --train-bpe)"),
            };
            while (Console.In.ReadLine() is { } line) output.WriteLine(string.Join(' ', tokenizer.Encode(line)));
            return CommandErrors.Success;
        });
        return command;
    }
}
