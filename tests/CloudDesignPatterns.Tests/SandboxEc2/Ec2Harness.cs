using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>An Ec2Service on a hand-driven clock, called directly with form-style parameters.</summary>
    internal sealed class Ec2Harness
    {
        public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

        public Ec2Harness(bool seed = true)
        {
            Service = new Ec2Service(new Ec2ServiceOptions { Clock = () => Now, Seed = seed });
        }

        public DateTime Now { get; set; } = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
        public Ec2Service Service { get; }
        public RecordingAuthorizer Authorizer { get; } = new RecordingAuthorizer();

        public void Advance(TimeSpan by) => Now += by;

        public XElement Call(string action, params (string Key, string Value)[] parameters) =>
            CallIn(SandboxSeed.Region, action, parameters);

        public XElement CallIn(string region, string action, params (string Key, string Value)[] parameters)
        {
            var call = new Ec2Call(action, parameters.ToDictionary(p => p.Key, p => p.Value), region,
                new CallerIdentity("AKIDEXAMPLE", "arn:aws:iam::123456789012:user/tester", SandboxSeed.AccountId, "AIDATESTER"), Authorizer);
            string xml;
            using (var body = Service.Execute(call)) xml = System.Text.Encoding.UTF8.GetString(body.ToArray());
            var root = XDocument.Parse(xml).Root!;
            Assert.Equal(Ns + (action + "Response"), root.Name);
            Assert.False(string.IsNullOrEmpty(root.Element(Ns + "requestId")?.Value));
            return root;
        }

        public SandboxServiceException Fails(string action, params (string Key, string Value)[] parameters) =>
            Assert.Throws<SandboxServiceException>(() => Call(action, parameters));

        public static IEnumerable<string> Texts(XElement root, string localName) =>
            root.Descendants(Ns + localName).Select(e => e.Value);

        /// <summary>The direct &lt;item&gt; children of a list element.</summary>
        public static List<XElement> Items(XElement root, string listName) =>
            root.Element(Ns + listName)?.Elements(Ns + "item").ToList() ?? new List<XElement>();

        public static string? Child(XElement e, string name) => e.Element(Ns + name)?.Value;
    }
}
