#version 450 core
// Outline mask: the outlined meshes' coverage. The position is computed with
// exactly pbr.vert's expression so that, where the mesh is the nearest
// surface, its depth matches the scene's copy (gfx_outline.c adds a small
// polygon offset for what rounding and MSAA resolves leave).
layout(location = 0) in vec3 a_position;

layout(location = 0) uniform mat4 u_clip_from_world;
layout(location = 1) uniform mat4 u_world_from_model;

void main()
{
    vec4 world = u_world_from_model * vec4(a_position, 1.0);
    gl_Position = u_clip_from_world * world;
}
