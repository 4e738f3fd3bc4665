using System;
using System.IO;

namespace CloudDesignPatterns.Tests
{
    /// <summary>
    /// The repository's test data (tests/data), which the test project copies beside its binaries. Nothing a test
    /// reads lives outside the repository, so the suite passes on a plain clone.
    /// </summary>
    internal static class TestData
    {
        public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "data");

        /// <summary>The AWS SigV4 test suite's v4 cases.</summary>
        public static string SigningSuiteV4 => Folder("aws-signing-test-suite", "v4");

        /// <summary>Recorded EC2 responses and error bodies (responses/, errors/).</summary>
        public static string ResponseSamples => Folder("response-samples");

        private static string Folder(params string[] parts)
        {
            var path = Path.Combine(Root, Path.Combine(parts));
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"Test data folder '{path}' is missing: tests/data is copied there by the test project's build.");
            return path;
        }
    }
}
