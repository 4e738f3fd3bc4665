using System;
using System.IO;
using CloudDesignPatterns.Engine.Aws;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>
    /// The shared config and credentials files the SDK's profile store reads, with the content one test needs, so no
    /// test sees the machine's ~/.aws. Also starts and ends with empty session defaults. Dispose empties the files.
    /// </summary>
    /// <remarks>
    /// The SDK reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE once per process and keeps the path, so the files
    /// live at one fixed place for the whole test run (<see cref="TestProfileLocation"/> points the variables there
    /// when the assembly loads) and each test rewrites their content instead of making new files.
    /// </remarks>
    internal sealed class ProfileFiles : IDisposable
    {
        private readonly string? savedImdsDisabled = Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED");

        public ProfileFiles(string config = "", string credentials = "")
        {
            TestProfileLocation.EnsurePointedAt();
            Write(config, credentials);
            // Any SDK client a test makes must never probe the real metadata address.
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            SessionDefaults.Clear(true, true, true);
        }

        public string Directory => TestProfileLocation.Directory;
        public string ConfigPath => TestProfileLocation.ConfigPath;
        public string CredentialsPath => TestProfileLocation.CredentialsPath;

        public void Write(string config, string credentials)
        {
            File.WriteAllText(ConfigPath, config);
            File.WriteAllText(CredentialsPath, credentials);
        }

        public void Dispose()
        {
            SessionDefaults.Clear(true, true, true);
            Write("", "");
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", savedImdsDisabled);
        }
    }
}
