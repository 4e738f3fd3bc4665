using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Amazon.EC2;
using CloudDesignPatterns.Engine.Ec2.Query;
using CloudDesignPatterns.Engine.Snapshots;

namespace CloudDesignPatterns.Tests.Ec2Query
{
    /// <summary>The SDK-free reader of EC2 responses: real recorded samples, XML's escapes, and what it must refuse.</summary>
    public sealed class Ec2XmlScannerTests
    {
        private static readonly string Samples = TestData.ResponseSamples;

        private static Ec2XmlScanner Scanner(string xml)
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            return new Ec2XmlScanner(bytes, bytes.Length);
        }

        /// <summary>A page read as the snapshot pattern reads every page (<see cref="SnapshotFactsParser"/>), keeping every tag.</summary>
        private static (System.Collections.Generic.List<SnapshotFacts> Snapshots, string? NextToken) Parse(string xml)
        {
            var snapshots = new System.Collections.Generic.List<SnapshotFacts>();
            var parser = new SnapshotFactsParser((in SnapshotFacts s) => snapshots.Add(s), allTags: true);
            var next = parser.Parse(0, Scanner(xml));
            parser.Commit(0);
            return (snapshots, next);
        }

        [Fact]
        public void The_recorded_DescribeSnapshots_sample_reads_every_field_including_an_empty_element()
        {
            var (snapshots, next) = Parse(File.ReadAllText(Path.Combine(Samples, "responses", "ec2-describe-snapshots.xml")));

            Assert.Null(next);
            Assert.Equal(new[] { "snap-b253e6da", "snap-b6bf0cde", "snap-1e099276", "snap-d63550be" }, snapshots.Select(s => s.SnapshotId));
            var first = snapshots[0];
            Assert.Equal("vol-ee102886", first.VolumeId);
            Assert.Equal("completed", first.State);
            Assert.Equal(new DateTime(2011, 12, 27, 17, 20, 21, DateTimeKind.Utc), first.StartTime);
            Assert.Equal(DateTimeKind.Utc, first.StartTime!.Value.Kind);
            Assert.Equal(100, first.Progress);
            Assert.Equal(10, first.SizeGiB);
            Assert.Null(first.AllTags); // no tagSet: absent, as the SDK leaves it
            Assert.Null(first.Tags.SetId);
        }

        [Fact]
        public void Entities_character_references_CDATA_comments_and_line_ends_read_as_an_XML_parser_reads_them()
        {
            var xml = "<?xml version=\"1.0\"?><DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">" +
                      "<!-- a comment --><snapshotSet><item><snapshotId>snap-1</snapshotId>" +
                      "<description>skipped &amp; unread</description>" +
                      "<tagSet><item><key>Name</key><value>a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos; &#65;&#x42; caf\u00e9</value></item><item><key>note</key><value>line1\r\nline2\rline3<!-- x --><![CDATA[<raw & kept>]]></value></item>" +
                      "<item><key>aws:backup:source-resource</key><value></value></item></tagSet>" +
                      "<unknownMember><nested a=\"1\">deep</nested></unknownMember></item></snapshotSet>" +
                      "<nextToken>token/with+chars==</nextToken></DescribeSnapshotsResponse>";

            var (snapshots, next) = Parse(xml);

            var s = Assert.Single(snapshots);
            Assert.Equal("a & b <c> \"q\" 's' AB caf\u00e9", s.Tags.Name);
            Assert.Equal("line1\nline2\nline3<raw & kept>", s.AllTags![1].Value);
            Assert.Equal(("aws:backup:source-resource", ""), (s.AllTags[2].Key, s.AllTags[2].Value));
            Assert.Equal("aws:backup:source-resource", s.Tags.ForeignOwnerTag);
            Assert.Equal("token/with+chars==", next);
        }

        [Fact]
        public void The_sandbox_writes_a_carriage_return_as_a_reference_so_it_survives_the_reader()
        {
            var output = new CloudDesignPatterns.Sandbox.Ec2.Protocol.Utf8XmlBuffer();
            output.StartElement("value"); output.Text("a\r\nb & <c>"); output.EndElement("value");
            using var body = output.Detach();
            var xml = Encoding.UTF8.GetString(body.ToArray());

            Assert.Equal("<value>a&#xD;\nb &amp; &lt;c&gt;</value>", xml);
            var scanner = Scanner(xml);
            Assert.True(scanner.ReadRoot());
            Assert.Equal("a\r\nb & <c>", scanner.ReadText());
        }

        [Theory]
        [InlineData("<DescribeSnapshotsResponse><snapshotSet><item><snapshotId>snap-1</snap", "unterminated")]
        [InlineData("<DescribeSnapshotsResponse><snapshotSet><item><snapshotId>snap-1", "unterminated")]
        [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><DescribeSnapshotsResponse/>", "DTD")]
        [InlineData("<DescribeSnapshotsResponse><snapshotSet><item><tagSet><item><key>k</key><value>&bogus;</value></item></tagSet></item></snapshotSet></DescribeSnapshotsResponse>", "entity")]
        [InlineData("<DescribeSnapshotsResponse><snapshotSet><item><tagSet><item><key>k</key><value>a<b>c</b></value></item></tagSet></item></snapshotSet></DescribeSnapshotsResponse>", "where text was expected")]
        public void A_truncated_or_unexpected_document_is_refused_with_what_is_wrong(string xml, string expected)
        {
            var error = Assert.Throws<FormatException>(() => Parse(xml));
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void The_recorded_error_answer_becomes_the_exception_the_SDK_would_throw()
        {
            var bytes = File.ReadAllBytes(Path.Combine(Samples, "errors", "ec2-describe-instances.xml"));

            var error = Ec2QueryErrors.ToException(bytes, bytes.Length, HttpStatusCode.BadRequest);

            Assert.Equal("InvalidInstanceID.Malformed", error.ErrorCode);
            Assert.Equal("Invalid id: \"foobar\"", error.Message);
            Assert.Equal("dfb14b43-9a55-4d8e-b676-e8034d12bbeb", error.RequestId);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        }

        [Fact]
        public void An_error_page_that_is_not_EC2_XML_still_reports_its_status()
        {
            var bytes = Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body>");

            var error = Ec2QueryErrors.ToException(bytes, bytes.Length, HttpStatusCode.BadGateway);

            Assert.Equal("", error.ErrorCode);
            Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
            Assert.Contains("502", error.Message);
        }

        [Fact]
        public void The_form_body_numbers_filters_from_one_and_escapes_as_RFC_3986()
        {
            var body = Ec2QueryCall.FormBody("DescribeSnapshots",
                new[] { new System.Collections.Generic.KeyValuePair<string, string>("Owner.1", "self") }
                    .Concat(Ec2QueryCall.Filters(new[] { new Amazon.EC2.Model.Filter("tag:cdp:snapshot:policy", new System.Collections.Generic.List<string> { "night ly", "a&b" }) })));

            Assert.Equal("Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self&Filter.1.Name=tag%3Acdp%3Asnapshot%3Apolicy" +
                         "&Filter.1.Value.1=night%20ly&Filter.1.Value.2=a%26b", body);
        }
    }
}
