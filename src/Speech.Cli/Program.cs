using Speech.Cli;

return SpeechCli.Run(args, Console.Out, Console.Error);
