using Matrix.Receipts.SampleHost;

return await SampleHostApp.RunAsync(args, Console.Out, Console.Error);
