import InceptionCurriculum
import TestSupport

extension LessonsCopy {
    func curriculum() throws -> Curriculum { try Curriculum(directory: directory) }
}
