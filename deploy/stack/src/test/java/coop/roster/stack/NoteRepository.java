package coop.roster.stack;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

interface NoteRepository extends MongoRepository<Note, String> {

  List<Note> findByGroup(String group);
}
