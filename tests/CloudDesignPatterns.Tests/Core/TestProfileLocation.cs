using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>
    /// Points AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at empty files in a temp folder as soon as the test
    /// assembly loads — before any test can make the SDK cache the path — so no test ever reads the machine's ~/.aws.
    /// </summary>
    internal static class TestProfileLocation
    {
        public static readonly string Directory = Path.Combine(Path.GetTempPath(), "cdp-tests-aws-" + Environment.ProcessId);
        public static string ConfigPath => Path.Combine(Directory, "config");
        public static string CredentialsPath => Path.Combine(Directory, "credentials");

        [ModuleInitializer]
        internal static void PointAtTestFiles() => EnsurePointedAt();

        public static void EnsurePointedAt()
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (!File.Exists(ConfigPath)) File.WriteAllText(ConfigPath, "");
            if (!File.Exists(CredentialsPath)) File.WriteAllText(CredentialsPath, "");
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigPath);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsPath);
        }
    }
}
