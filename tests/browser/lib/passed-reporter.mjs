// A node:test reporter that writes only the number of passed tests (from the run's final
// "pass N" summary), so tests/run.sh can add it to the overall count.
export default async function* passed(source) {
  let count = 0;
  for await (const event of source) {
    if (event.type === "test:diagnostic") {
      const match = /^pass (\d+)$/.exec(event.data.message);
      if (match) {
        count = Number(match[1]);
      }
    }
  }
  yield `${count}\n`;
}
