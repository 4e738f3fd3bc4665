using System;
using System.Text;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using Xunit;

namespace CloudDesignPatterns.Tests.SandboxCore
{
    /// <summary>A response body written into a rented buffer is handed over without a copy and given back once written.</summary>
    public sealed class ResponseBodyTests
    {
        [Fact]
        public void A_detached_xml_buffer_becomes_the_body_without_a_copy_and_its_bytes_are_gone_once_disposed()
        {
            var output = new Utf8XmlBuffer(16);
            output.StartElement("value"); output.Text(new string('x', 100)); output.EndElement("value"); // grown past its first buffer

            var body = output.Detach();
            output.Dispose(); // the buffer now belongs to the body: disposing the writer must not return it a second time

            Assert.Equal("<value>" + new string('x', 100) + "</value>", Encoding.UTF8.GetString(body.ToArray()));
            Assert.Equal(body.Length, body.Bytes.Count);
            body.Dispose();
            body.Dispose(); // once only
            Assert.Throws<ObjectDisposedException>(() => body.Bytes);
        }

        [Fact]
        public void A_body_of_its_own_stays_readable_after_dispose()
        {
            var body = new ResponseBody(Encoding.UTF8.GetBytes("<a/>"));
            body.Dispose();

            Assert.Equal("<a/>", Encoding.UTF8.GetString(body.ToArray()));
        }
    }
}
