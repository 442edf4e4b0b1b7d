// SynthCommand: `imrbench synth --letters N --out DIR [--seed S]` — writes the synthetic corpus
// in folders of 1000 letters and DIR/labels.jsonl (the truth of every letter), on all cores.
import Dispatch
import IMRSearch
import IMRSynthesis
import Synchronization

enum SynthCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let count = options.int("--letters", 1000)
        let out = options.require("--out")
        let seed = UInt64(options.int("--seed", 42))
        let clock = Stopwatch()
        do {
            for folder in 0..<((count + 999) / 1000) {
                try FileIO.createDirectories(out + "/" + String(folder))
            }
        } catch {
            StandardStreams.error("imrbench synth: \(error)\n")
            return 1
        }
        let chunk = 1000
        let chunks = (count + chunk - 1) / chunk
        let labels = Mutex<[Int: [UInt8]]>([:])
        let bytes = Mutex(0)
        let failure = Mutex<String?>(nil)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var lines: [UInt8] = []
            var written = 0
            var w = JSONWriter()
            for index in (c * chunk)..<min(count, (c + 1) * chunk) {
                let letter = SyntheticLetters.letter(index: index, seed: seed)
                do {
                    try FileIO.writeAll(out + "/" + letter.path, letter.bytes)
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    return
                }
                written += letter.bytes.count
                w.reset()
                letter.label.writeJSON(into: &w)
                lines += w.bytes
                lines.append(10)
            }
            labels.withLock { $0[c] = lines }
            bytes.withLock { $0 += written }
        }
        if let f = failure.withLock({ $0 }) {
            StandardStreams.error("imrbench synth: \(f)\n")
            return 1
        }
        var all: [UInt8] = []
        labels.withLock { l in for c in 0..<chunks { all += l[c] ?? [] } }
        do {
            try FileIO.writeAll(out + "/labels.jsonl", all)
        } catch {
            StandardStreams.error("imrbench synth: \(error)\n")
            return 1
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "synth")
        w.field("letters", count)
        w.field("bytes", bytes.withLock { $0 })
        w.field("seconds", clock.seconds, digits: 3)
        w.field("seed", Int(seed))
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }
}
