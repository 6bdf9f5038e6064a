import Foundation
import InceptionLanguage
import InceptionRuntime
import XCTest

/// torch.save / torch.load of a checkpoint (a dict holding state_dicts, an optimizer's state,
/// numbers, strings, a tuple, torch.Size, a bool tensor and one tensor held twice), in a folder
/// of the test's own: what the program prints is what PyTorch 2.15 printed for it (recorded by
/// running the same program with torch), and training resumed from it takes the same step.
final class CheckpointTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func run(_ source: String) -> (printed: String, exitCode: Int32, rendered: String) {
        var printed = ""
        let interpreter = Interpreter(output: { printed += $0 })
        interpreter.baseDirectory = directory.path
        let script = Script(text: source, file: "checkpoint.py")
        let result = script.run(in: interpreter)
        return (printed, result.exitCode, script.render(result))
    }

    static let program = """
        import torch
        import torch.nn as nn
        torch.manual_seed(0)
        m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
        opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
        x = torch.randn(8, 3)
        for _ in range(2):
            opt.zero_grad(); m(x).pow(2).mean().backward(); opt.step()
        shared = torch.arange(3)
        torch.save({'model': m.state_dict(), 'optimizer': opt.state_dict(), 'epoch': 3, 'best': 0.875, 'history': [1.5, 0.25],
                    'name': 'run-1', 'flags': (True, None), 'shape': x.shape, 'a': shared, 'b': shared, 'mask': x > 0, 'nan': float('nan')}, 'probe_ckpt.pt')
        ck = torch.load('probe_ckpt.pt')
        print(sorted(ck.keys()), ck['epoch'], ck['best'], ck['history'], ck['name'], ck['flags'], ck['shape'], ck['nan'])
        print(type(ck['model']).__name__, list(ck['model'].keys()), ck['model']['1.num_batches_tracked'], ck['mask'].dtype, ck['a'] is ck['b'], ck['a'].dtype)
        m2 = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2)); m2.load_state_dict(ck['model'])
        opt2 = torch.optim.SGD(m2.parameters(), lr=0.5, momentum=0.9); opt2.load_state_dict(ck['optimizer'])
        print(opt2.param_groups[0]['lr'], torch.equal(m2(x), m(x)))
        for net, o in [(m, opt), (m2, opt2)]:
            o.zero_grad(); net(x).pow(2).mean().backward(); o.step()
        print(torch.allclose(m[0].weight, m2[0].weight))
        t = torch.ones(2, requires_grad=True)
        torch.save([t, 3], 'probe_list.pt'); l = torch.load('probe_list.pt'); print(l, l[0].requires_grad)

        """

    /// What PyTorch 2.15 printed for `program` (run with torch in a fresh folder).
    static let pytorchPrinted = """
        ['a', 'b', 'best', 'epoch', 'flags', 'history', 'mask', 'model', 'name', 'nan', 'optimizer', 'shape'] 3 0.875 [1.5, 0.25] run-1 (True, None) torch.Size([8, 3]) nan
        OrderedDict ['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked', '3.weight', '3.bias'] tensor(2) torch.bool True torch.int64
        0.1 True
        True
        [tensor([1., 1.], requires_grad=True), 3] True

        """

    func testACheckpointComesBackAsPyTorchsDoes() throws {
        let run = run(Self.program)
        XCTAssertEqual(run.exitCode, 0, run.rendered)
        XCTAssertEqual(run.printed, Self.pytorchPrinted)
        // the file is safetensors: its tensors are readable as such, the structure in its metadata
        let file = try SafeTensorsFile.read(path: directory.appendingPathComponent("probe_ckpt.pt").path)
        XCTAssertNotNil(file.metadata["inception.checkpoint"])
        XCTAssertEqual(file.order.count, 17, "9 of the state_dict, 6 momentum buffers, the shared arange once, the mask")
    }

    /// A loss (a tensor with a history) comes back a leaf that requires grad, as PyTorch's
    /// pickle keeps requires_grad; a path that is no file raises Python's OSError kinds, and
    /// a missing folder PyTorch's RuntimeError (the texts PyTorch 2.15 printed for this program).
    func testRequiresGradAndPathErrorsAreAsPyTorchs() throws {
        let run = run("""
            import torch
            import torch.nn as nn
            m = nn.Linear(2, 1)
            loss = m(torch.ones(3, 2)).sum()
            torch.save({'loss': loss, 'w': m.weight, 'plain': loss.detach()}, 'probe_loss.pt')
            ck = torch.load('probe_loss.pt')
            print(ck['loss'].requires_grad, ck['loss'].grad_fn, ck['loss'].is_leaf, ck['w'].requires_grad, ck['plain'].requires_grad)
            for path in ['nowhere.pt', '.']:
                try:
                    torch.load(path)
                except OSError as e:
                    print(type(e).__name__, e)
            try:
                torch.save(ck, 'no_such_folder/probe.pt')
            except RuntimeError as e:
                print(e)

            """)
        XCTAssertEqual(run.exitCode, 0, run.rendered)
        XCTAssertEqual(run.printed, """
            True None True True False
            FileNotFoundError [Errno 2] No such file or directory: 'nowhere.pt'
            IsADirectoryError [Errno 21] Is a directory: '.'
            Parent directory no_such_folder does not exist.

            """)
    }

    /// An nn.Parameter comes back a Parameter, a set a set; safetensors.torch's save_file and
    /// load_file write and read a state_dict as the safetensors package does (its data ordered
    /// by element size, then name) and refuse what it refuses (PyTorch 2.15's texts).
    func testParametersSetsAndSafetensorsFiles() throws {
        let run = run("""
            import torch
            import torch.nn as nn
            from safetensors.torch import save_file, load_file
            torch.manual_seed(0)
            m = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
            torch.save({'w': m[0].weight, 'tags': {'a', 'b'}}, 'probe_param.pt')
            ck = torch.load('probe_param.pt')
            print(type(ck['w']).__name__, ck['w'].requires_grad, sorted(ck['tags']))
            save_file(m.state_dict(), 'probe_m.safetensors', metadata={'epoch': '3'})
            sd = load_file('probe_m.safetensors')
            print(list(sd.keys()), sd['1.num_batches_tracked'].dtype)
            m2 = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
            print(m2.load_state_dict(sd), torch.equal(m2[0].weight, m[0].weight))
            print(torch.load('probe_m.safetensors')['0.bias'].shape)
            for bad in [{'t': torch.ones(3, 2).t()}, {'n': 3}]:
                try:
                    save_file(bad, 'probe_bad.safetensors')
                except ValueError as e:
                    print(e)
            try:
                load_file('probe_none.safetensors')
            except FileNotFoundError as e:
                print(e)

            """)
        XCTAssertEqual(run.exitCode, 0, run.rendered)
        XCTAssertEqual(run.printed, """
            Parameter True ['a', 'b']
            ['1.num_batches_tracked', '0.bias', '0.weight', '1.bias', '1.running_mean', '1.running_var', '1.weight'] torch.int64
            <All keys matched successfully> True
            torch.Size([2])
            You are trying to save a non contiguous tensor: `t` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving.
            Key `n` is invalid, expected torch.Tensor but received <class 'int'>
            No such file or directory: probe_none.safetensors

            """)
        XCTAssertEqual(try SafeTensorsFile.read(path: directory.appendingPathComponent("probe_m.safetensors").path).metadata, ["epoch": "3"])
    }

    /// os.remove / os.unlink delete the checkpoints a program wrote (PyTorch 2.15's printed
    /// text for the program), raise Python's errors for a missing path or a folder, and refuse a
    /// file that is none of the program's kinds.
    func testRemovingCheckpoints() throws {
        let run = run("""
            import torch, os
            torch.save({'epoch': 1}, 'probe_ck1.pt')
            torch.save(torch.ones(2), 'probe_t.npy')
            print(sorted(f for f in os.listdir('.') if f.startswith('probe_')))
            os.remove('probe_ck1.pt')
            os.unlink('probe_t.npy')
            print(sorted(f for f in os.listdir('.') if f.startswith('probe_')), os.path.exists('probe_ck1.pt'))
            for bad in ['probe_gone.pt', '.']:
                try:
                    os.remove(bad)
                except OSError as e:
                    print(type(e).__name__, e)

            """)
        XCTAssertEqual(run.exitCode, 0, run.rendered)
        XCTAssertEqual(run.printed, """
            ['probe_ck1.pt', 'probe_t.npy']
            [] False
            FileNotFoundError [Errno 2] No such file or directory: 'probe_gone.pt'
            IsADirectoryError [Errno 21] Is a directory: '.'

            """)
        let notes = directory.appendingPathComponent("notes.txt")
        try Data("keep me".utf8).write(to: notes)
        let refused = self.run("import os\nos.remove('notes.txt')\n")
        XCTAssertEqual(refused.exitCode, 70)
        XCTAssertTrue(refused.rendered.contains("os.remove(): refusing to remove notes.txt: it is not a file this program wrote or could have written (it would be lost)"), refused.rendered)
        XCTAssertEqual(try Data(contentsOf: notes), Data("keep me".utf8))
    }

    /// A PyTorch pickle is neither read nor written over; what cannot be saved is named.
    func testPicklesAndModulesAreRefusedWithTheirReason() throws {
        let pickle = directory.appendingPathComponent("theirs.pt")
        try Data([0x80, 0x02, 0x7d, 0x71, 0x00]).write(to: pickle)
        let load = run("import torch\nck = torch.load('theirs.pt')\n")
        XCTAssertEqual(load.exitCode, 70)
        XCTAssertTrue(load.rendered.contains("torch.load reads Python pickles, which this language does not"), load.rendered)
        let overwrite = run("import torch\ntorch.save({'epoch': 1}, 'theirs.pt')\n")
        XCTAssertEqual(overwrite.exitCode, 70)
        XCTAssertTrue(overwrite.rendered.contains("not replacing it"), overwrite.rendered)
        XCTAssertEqual(try Data(contentsOf: pickle), Data([0x80, 0x02, 0x7d, 0x71, 0x00]))
        let module = run("import torch\nimport torch.nn as nn\ntorch.save({'net': nn.Linear(2, 2)}, 'net.pt')\n")
        XCTAssertTrue(module.rendered.contains("torch.save(): cannot save the object['net'], a Linear"), module.rendered)
        let picture = directory.appendingPathComponent("photo.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: picture)
        let png = run("import torch\ntorch.load('photo.png')\n")
        XCTAssertEqual(png.exitCode, 70)
        XCTAssertTrue(png.rendered.contains("error: photo.png: this is a PNG image, not a safetensors weight file: pictures go to --image (load_image(path) in a program)"), png.rendered)
        let missing = run("import torch\ntorch.load('nowhere.pt')\n")
        XCTAssertEqual(missing.exitCode, 70)
        XCTAssertFalse(missing.rendered.contains("pickles"), missing.rendered)
    }
    /// The Save & Load tutorial's checkpoint keeps `'loss': loss` (a result with a history): as
    /// PyTorch's pickle, it comes back a leaf that requires grad, and a Parameter stays one.
    func testALossAndAParameterComeBackAsPyTorchsDo() throws {
        let run = run("""
            import torch
            import torch.nn as nn
            torch.manual_seed(0)
            lin = nn.Linear(2, 2)
            x = torch.randn(3, 2)
            loss = lin(x).pow(2).mean()
            torch.save({'epoch': 5, 'loss': loss, 'w': lin.weight, 'out': lin(x), 'd': lin(x).detach()}, 'probe_loss.tar')
            c = torch.load('probe_loss.tar', weights_only=True)
            print(c['epoch'], c['loss'], c['loss'].is_leaf, c['loss'].grad_fn)
            print(c['w'])
            print(type(c['w']).__name__, c['out'].requires_grad, c['out'].is_leaf, c['d'].requires_grad)
            print(c['loss'].item() == loss.item(), torch.equal(c['w'], lin.weight))

            """)
        XCTAssertEqual(run.exitCode, 0, run.rendered)
        XCTAssertEqual(run.printed, """
            5 tensor(0.1294, requires_grad=True) True None
            Parameter containing:
            tensor([[-0.0053,  0.3793],
                    [-0.5820, -0.5204]], requires_grad=True)
            Parameter True True False
            True True

            """)
    }
}
