Console.WriteLine("Matrix.Receipts sample host: not built yet.");
