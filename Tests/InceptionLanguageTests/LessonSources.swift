import Foundation

/// Lesson-sized sources several language tests share: BasicConv2d and Inception as the seed
/// writes them. Tests append their own lines; error locations count from the first line here.
enum LessonSources {
    static let basicConvAndInception = """
    class BasicConv2d(in_channel, F, size, stride, padding=0):
        self.layer = Sequential(Conv2d(in_channel, F, size, stride, padding=padding), BatchNorm2d(F), ReLU())
        def forward(self, x):
            return self.layer(x)

    class Inception(in_channel, Fs, final_F):
        c1, c3r, c3, c5r, c5, pp = Fs
        self.conv1x1 = BasicConv2d(in_channel, c1, 1, 1)
        self.conv3x3 = Sequential(BasicConv2d(in_channel, c3r, 1, 1), BasicConv2d(c3r, c3, 3, 1, padding=1))
        self.conv5x5 = Sequential(BasicConv2d(in_channel, c5r, 1, 1), BasicConv2d(c5r, c5, 5, 1, padding=2))
        self.maxpool_conv1x1 = Sequential(MaxPool2d(3, 1, padding=1), BasicConv2d(in_channel, pp, 1, 1))
        def forward(self, x):
            return torch.cat([self.conv1x1(x), self.conv3x3(x), self.conv5x5(x), self.maxpool_conv1x1(x)], 1)
    """ + "\n\n"
}
